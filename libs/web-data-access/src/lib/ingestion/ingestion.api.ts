import { HttpClient, HttpEvent, HttpParams } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import type {
  EnqueuedRunDto,
  FeedDto,
  IngestionRunDetailDto,
  IngestionRunDto,
  RestatementDto,
  UploadPreviewDto,
} from '@kpi/contracts';
import { Observable } from 'rxjs';
import { API_BASE_URL } from '../core/api-base-url.token';

/** `/api/ingestion`: feeds, runs, uploads (with progress events), re-submitted rows, restatements. */
@Injectable({ providedIn: 'root' })
export class IngestionApi {
  private readonly http = inject(HttpClient);
  private readonly baseUrl = inject(API_BASE_URL);

  feeds(providerId?: string): Observable<FeedDto[]> {
    const params = providerId ? new HttpParams().set('providerId', providerId) : undefined;
    return this.http.get<FeedDto[]>(`${this.baseUrl}/ingestion/feeds`, { params });
  }

  runs(query: { providerId?: string; feedId?: string; limit?: number } = {}): Observable<IngestionRunDto[]> {
    let params = new HttpParams();
    for (const [key, value] of Object.entries(query)) if (value !== undefined) params = params.set(key, String(value));
    return this.http.get<IngestionRunDto[]>(`${this.baseUrl}/ingestion/runs`, { params });
  }

  run(runId: string): Observable<IngestionRunDetailDto> {
    return this.http.get<IngestionRunDetailDto>(`${this.baseUrl}/ingestion/runs/${encodeURIComponent(runId)}`);
  }

  runNow(feedId: string): Observable<EnqueuedRunDto> {
    return this.http.post<EnqueuedRunDto>(`${this.baseUrl}/ingestion/feeds/${encodeURIComponent(feedId)}/run`, {});
  }

  backfill(feedId: string, from: string, to: string): Observable<EnqueuedRunDto> {
    return this.http.post<EnqueuedRunDto>(`${this.baseUrl}/ingestion/feeds/${encodeURIComponent(feedId)}/backfill`, { from, to });
  }

  preview(feedId: string, file: File): Observable<UploadPreviewDto> {
    const form = new FormData();
    form.append('file', file, file.name);
    return this.http.post<UploadPreviewDto>(`${this.baseUrl}/ingestion/feeds/${encodeURIComponent(feedId)}/preview`, form);
  }

  /** Emits upload progress events, then the response (the run). */
  upload(feedId: string, file: File, mapping: string | null, saveMapping: boolean): Observable<HttpEvent<IngestionRunDetailDto>> {
    const form = new FormData();
    form.append('file', file, file.name);
    if (mapping) form.append('mapping', mapping);
    form.append('saveMapping', String(saveMapping));
    return this.http.post<IngestionRunDetailDto>(`${this.baseUrl}/ingestion/feeds/${encodeURIComponent(feedId)}/upload`, form, {
      reportProgress: true,
      observe: 'events',
    });
  }

  resubmit(runId: string, rows: { errorId: string; values: Record<string, string> }[]): Observable<IngestionRunDto> {
    return this.http.post<IngestionRunDto>(`${this.baseUrl}/ingestion/runs/${encodeURIComponent(runId)}/resubmit`, { rows });
  }

  restatements(providerId: string): Observable<RestatementDto[]> {
    return this.http.get<RestatementDto[]>(`${this.baseUrl}/ingestion/providers/${encodeURIComponent(providerId)}/restatements`);
  }
}
