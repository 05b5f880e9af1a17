import { HttpClient, HttpParams } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import { KpiRollupDto, KpiRollupQuery } from '@kpi/contracts';
import { Observable } from 'rxjs';
import { API_BASE_URL } from '../core/api-base-url.token';

/**
 * `GET /api/metrics/rollup`: one KPI over any period and slice, recomputed by the api from the components
 * (sums of numerators and denominators), so the browser never averages values itself.
 */
@Injectable({ providedIn: 'root' })
export class MetricsApi {
  private readonly http = inject(HttpClient);
  private readonly baseUrl = inject(API_BASE_URL);

  rollup(query: KpiRollupQuery): Observable<KpiRollupDto> {
    return this.http.get<KpiRollupDto>(`${this.baseUrl}/metrics/rollup`, { params: toRollupParams(query) });
  }
}

/** Lists go comma-separated; empty lists and values are left out (absent = everything the caller may see). */
export function toRollupParams(query: KpiRollupQuery): HttpParams {
  let params = new HttpParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    if (Array.isArray(value)) {
      if (value.length > 0) params = params.set(key, value.join(','));
    } else {
      params = params.set(key, String(value));
    }
  }
  return params;
}
