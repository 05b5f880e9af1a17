import { HttpClient, HttpParams } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import {
  DriftEventDetailDto,
  DriftEventListDto,
  DriftEventQuery,
  DriftOverlayDto,
  DriftOverlayQuery,
} from '@kpi/contracts';
import { Observable } from 'rxjs';
import { API_BASE_URL } from '../core/api-base-url.token';

/** `/api/drift/events` and the drift overlay of a KPI trend. The api scopes every answer to the caller's providers. */
@Injectable({ providedIn: 'root' })
export class DriftApi {
  private readonly http = inject(HttpClient);
  private readonly baseUrl = inject(API_BASE_URL);

  listEvents(query: DriftEventQuery = {}): Observable<DriftEventListDto> {
    return this.http.get<DriftEventListDto>(`${this.baseUrl}/drift/events`, { params: toParams(query) });
  }

  getEvent(id: string): Observable<DriftEventDetailDto> {
    return this.http.get<DriftEventDetailDto>(`${this.baseUrl}/drift/events/${encodeURIComponent(id)}`);
  }

  getOverlay(
    providerId: string,
    kpiCode: string,
    query: DriftOverlayQuery = {},
  ): Observable<DriftOverlayDto> {
    const url = `${this.baseUrl}/providers/${encodeURIComponent(providerId)}/kpis/${encodeURIComponent(kpiCode)}/drift-overlay`;
    return this.http.get<DriftOverlayDto>(url, { params: toParams(query) });
  }
}

function toParams(query: object): HttpParams {
  let params = new HttpParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') params = params.set(key, String(value));
  }
  return params;
}
