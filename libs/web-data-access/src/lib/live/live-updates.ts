import { HttpClient, HttpErrorResponse, HttpHeaders } from '@angular/common/http';
import { DestroyRef, DOCUMENT, inject, Injectable, InjectionToken, signal } from '@angular/core';
import { LiveChangeKind, LiveChangesDto } from '@kpi/contracts';
import { API_BASE_URL } from '../core/api-base-url.token';

/** How often open dashboards ask whether anything changed (a 304 costs next to nothing). */
export const LIVE_POLL_INTERVAL_MS = new InjectionToken<number>('LIVE_POLL_INTERVAL_MS', { providedIn: 'root', factory: () => 10_000 });

const KINDS: readonly LiveChangeKind[] = ['ingestion', 'drift', 'escalations'];

/** The kinds whose timestamp moved between two answers (none for the first answer). */
export function changedKinds(previous: LiveChangesDto | null, next: LiveChangesDto): LiveChangeKind[] {
  if (!previous) return [];
  return KINDS.filter((kind) => previous[kind] !== next[kind]);
}

interface Listener {
  readonly kinds: readonly LiveChangeKind[];
  readonly callback: () => void;
}

/**
 * Keeps open dashboards current without a reload: polls `GET /api/live/changes` with the last ETag while the
 * tab is visible (and at once when it becomes visible again), and tells stores which kinds of data changed
 * (an ingestion run finished, a drift event or an escalation opened or moved).
 */
@Injectable({ providedIn: 'root' })
export class LiveUpdates {
  private readonly http = inject(HttpClient);
  private readonly baseUrl = inject(API_BASE_URL);
  private readonly document = inject(DOCUMENT);
  private readonly intervalMs = inject(LIVE_POLL_INTERVAL_MS);
  private readonly listeners = new Set<Listener>();
  private timer: ReturnType<typeof setTimeout> | null = null;
  private etag: string | null = null;
  private latest: LiveChangesDto | null = null;
  private running = false;
  private inFlight = false;
  private readonly onVisibility = () => {
    if (this.running && this.document.visibilityState === 'visible') this.pollNow();
  };

  /** When the last change arrived (null until something changed while the page was open). */
  readonly lastChangeAt = signal<Date | null>(null);

  /** Calls `callback` whenever one of `kinds` changes, until `destroyRef` (the caller's) is destroyed. */
  onChange(kinds: readonly LiveChangeKind[], callback: () => void, destroyRef: DestroyRef): void {
    const listener = { kinds, callback };
    this.listeners.add(listener);
    destroyRef.onDestroy(() => this.listeners.delete(listener));
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.document.addEventListener('visibilitychange', this.onVisibility);
    this.pollNow();
  }

  /** On sign-out: stop, and forget what the previous user saw. */
  stop(): void {
    this.running = false;
    this.document.removeEventListener('visibilitychange', this.onVisibility);
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.etag = null;
    this.latest = null;
  }

  pollNow(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (!this.running || this.inFlight) return;
    if (this.document.visibilityState === 'hidden') return; // resumes on visibilitychange
    this.inFlight = true;
    const headers = this.etag ? new HttpHeaders({ 'If-None-Match': this.etag }) : undefined;
    this.http.get<LiveChangesDto>(`${this.baseUrl}/live/changes`, { headers, observe: 'response' }).subscribe({
      next: (response) => {
        this.etag = response.headers.get('ETag') ?? this.etag;
        if (response.body) this.apply(response.body);
        this.scheduleNext();
      },
      error: (error: unknown) => {
        // 304 (nothing changed) arrives as an "error" in HttpClient; anything else: try again next round.
        if (!(error instanceof HttpErrorResponse) || error.status !== 304) this.etag = null;
        this.scheduleNext();
      },
    });
  }

  private apply(next: LiveChangesDto): void {
    const kinds = changedKinds(this.latest, next);
    this.latest = next;
    if (kinds.length === 0) return;
    this.lastChangeAt.set(new Date());
    for (const listener of [...this.listeners]) {
      if (listener.kinds.some((kind) => kinds.includes(kind))) listener.callback();
    }
  }

  private scheduleNext(): void {
    this.inFlight = false;
    if (this.running) this.timer = setTimeout(() => this.pollNow(), this.intervalMs);
  }
}
