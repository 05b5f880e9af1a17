import { HttpClient, HttpParams } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import type {
  GenerateQuarterlyReviewRequest,
  QuarterlyCommentaryDto,
  QuarterlyReviewDto,
  QuarterlyReviewListDto,
  SaveQuarterlyCommentaryRequest,
} from '@kpi/contracts';
import { Observable } from 'rxjs';
import { API_BASE_URL } from '../core/api-base-url.token';

/** `/api/reports` (quarterly review packs) and `/api/providers/:id/quarterly-commentary`. */
@Injectable({ providedIn: 'root' })
export class ReportsApi {
  private readonly http = inject(HttpClient);
  private readonly baseUrl = inject(API_BASE_URL);

  list(query: { providerId?: string; quarter?: string } = {}): Observable<QuarterlyReviewListDto> {
    let params = new HttpParams();
    if (query.providerId) params = params.set('providerId', query.providerId);
    if (query.quarter) params = params.set('quarter', query.quarter);
    return this.http.get<QuarterlyReviewListDto>(`${this.baseUrl}/reports`, { params });
  }

  get(id: string): Observable<QuarterlyReviewDto> {
    return this.http.get<QuarterlyReviewDto>(`${this.baseUrl}/reports/${encodeURIComponent(id)}`);
  }

  generate(request: GenerateQuarterlyReviewRequest): Observable<QuarterlyReviewDto> {
    return this.http.post<QuarterlyReviewDto>(`${this.baseUrl}/reports`, request);
  }

  /** The archived file as a Blob (the request carries the bearer token, so a plain link would not). */
  download(id: string, format: string): Observable<Blob> {
    const [kind, table] = format.split(':');
    let params = new HttpParams().set('format', kind);
    if (table) params = params.set('table', table);
    return this.http.get(`${this.baseUrl}/reports/${encodeURIComponent(id)}/download`, { params, responseType: 'blob' });
  }

  commentary(providerId: string, quarter: string): Observable<QuarterlyCommentaryDto> {
    return this.http.get<QuarterlyCommentaryDto>(`${this.baseUrl}/providers/${encodeURIComponent(providerId)}/quarterly-commentary`, {
      params: new HttpParams().set('quarter', quarter),
    });
  }

  saveCommentary(providerId: string, quarter: string, body: SaveQuarterlyCommentaryRequest): Observable<QuarterlyCommentaryDto> {
    return this.http.put<QuarterlyCommentaryDto>(`${this.baseUrl}/providers/${encodeURIComponent(providerId)}/quarterly-commentary`, body, {
      params: new HttpParams().set('quarter', quarter),
    });
  }
}

/** The last `count` quarters up to the one containing `today`, newest first (`2026-Q3`). */
export function recentQuarters(today: string, count = 6): string[] {
  let year = Number(today.slice(0, 4));
  let quarter = Math.floor((Number(today.slice(5, 7)) - 1) / 3) + 1;
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    out.push(`${year}-Q${quarter}`);
    quarter -= 1;
    if (quarter === 0) {
      quarter = 4;
      year -= 1;
    }
  }
  return out;
}
