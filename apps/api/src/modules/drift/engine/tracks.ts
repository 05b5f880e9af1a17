import type { DriftDirection, DriftEventKind, DriftResolution } from '@kpi/contracts';
import { HysteresisSettings, HysteresisSignal, HysteresisState, stepHysteresis } from '@kpi/drift';

/**
 * Alert tracks: one hysteresis per (kind, direction) of a series or QA group, stepped once per data
 * point (a day, or a week for weekly series). Re-running an evaluation on the same data steps nothing,
 * so it changes nothing. A track opens after the minimum number of breaching points and resolves after
 * the minimum number of clear ones (stepHysteresis defaults: 2 and 3).
 */
export type TrackId = `${DriftEventKind}:${DriftDirection}`;

export interface TrackState {
  readonly h: HysteresisState | null;
  /** Data day on which the open alert opened; null when nothing is open. */
  readonly openedOn: string | null;
}

export type TrackStates = Partial<Record<TrackId, TrackState>>;

/** A stretch during which a track was open, as seen by this run. */
export interface Episode<TInfo = unknown> {
  readonly track: TrackId;
  readonly kind: DriftEventKind;
  readonly direction: DriftDirection;
  readonly openedOn: string;
  /** Null while still open at the end of the run. */
  resolvedOn: string | null;
  resolution: DriftResolution | null;
  /** Opened before this run (an alert carried over from an earlier evaluation). */
  readonly carried: boolean;
  /** What decided the alert when it opened (a finding, a test result ...), when known. */
  readonly info: TInfo | null;
}

export function trackId(kind: DriftEventKind, direction: DriftDirection): TrackId {
  return `${kind}:${direction}`;
}

function isOpen(t: TrackState | undefined): boolean {
  return t?.h?.phase === 'firing' || t?.h?.phase === 'resolving';
}

/**
 * Steps the tracks of one series over a run and records the episodes. One open alert per series and
 * kind: when one direction opens while the other is open, the other is resolved (back in control when it
 * was already clearing, superseded otherwise).
 */
export class TrackRunner<TInfo = unknown> {
  private readonly states: Record<string, TrackState>;
  private readonly current = new Map<TrackId, Episode<TInfo>>();
  readonly episodes: Episode<TInfo>[] = [];

  constructor(initial: TrackStates | null | undefined) {
    this.states = { ...(initial ?? {}) } as Record<string, TrackState>;
    for (const [id, state] of Object.entries(this.states)) {
      if (isOpen(state) && state.openedOn) {
        const [kind, direction] = id.split(':') as [DriftEventKind, DriftDirection];
        const episode: Episode<TInfo> = {
          track: id as TrackId,
          kind,
          direction,
          openedOn: state.openedOn,
          resolvedOn: null,
          resolution: null,
          carried: true,
          info: null,
        };
        this.current.set(id as TrackId, episode);
        this.episodes.push(episode);
      }
    }
  }

  /**
   * One point of one track. `info` describes the alert if it opens now; `resolution` says why, if it
   * resolves now. Returns the hysteresis action.
   */
  step(
    kind: DriftEventKind,
    direction: DriftDirection,
    signal: HysteresisSignal,
    date: string,
    info: TInfo | null,
    resolution: () => DriftResolution,
    hysteresis: Partial<HysteresisSettings> = {},
  ): 'open' | 'keep' | 'resolve' | 'none' {
    const id = trackId(kind, direction);
    const previous = this.states[id];
    const { state, action } = stepHysteresis(previous?.h ?? null, signal, hysteresis);
    if (action === 'open') {
      this.states[id] = { h: state, openedOn: date };
      // One open event per series and kind: a change the other way closes the other one. When that one was
      // already clearing, this change is its recovery ("back in control"); otherwise it is superseded.
      const other = trackId(kind, direction === 'adverse' ? 'favourable' : 'adverse');
      if (isOpen(this.states[other]))
        this.close(
          other,
          date,
          this.states[other].h?.phase === 'resolving' ? 'back_in_control' : 'superseded',
        );
      const episode: Episode<TInfo> = {
        track: id,
        kind,
        direction,
        openedOn: date,
        resolvedOn: null,
        resolution: null,
        carried: false,
        info,
      };
      this.current.set(id, episode);
      this.episodes.push(episode);
    } else if (action === 'resolve') {
      this.states[id] = { h: state, openedOn: null };
      this.finish(id, date, resolution());
    } else {
      this.states[id] = { h: state, openedOn: previous?.openedOn ?? null };
    }
    return action;
  }

  /** Resolves an open track at once (superseded, disabled, no longer monitored). */
  close(id: TrackId, date: string, resolution: DriftResolution): void {
    if (!isOpen(this.states[id])) return;
    this.states[id] = { h: null, openedOn: null };
    this.finish(id, date, resolution);
  }

  /** Resolves every open track (the series is no longer monitored). */
  closeAll(date: string, resolution: DriftResolution): void {
    for (const id of Object.keys(this.states) as TrackId[]) this.close(id, date, resolution);
  }

  isOpen(kind: DriftEventKind, direction: DriftDirection): boolean {
    return isOpen(this.states[trackId(kind, direction)]);
  }

  openEpisode(kind: DriftEventKind, direction: DriftDirection): Episode<TInfo> | null {
    return this.current.get(trackId(kind, direction)) ?? null;
  }

  snapshot(): TrackStates {
    return { ...this.states } as TrackStates;
  }

  private finish(id: TrackId, date: string, resolution: DriftResolution): void {
    const episode = this.current.get(id);
    if (!episode) return;
    episode.resolvedOn = date;
    episode.resolution = resolution;
    this.current.delete(id);
  }
}
