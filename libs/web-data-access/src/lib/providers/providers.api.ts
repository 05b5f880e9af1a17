import { HttpClient, HttpParams } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import { KpiTrendDto, KpiTrendQuery, ProviderDetailDto, ProviderSummaryDto } from '@kpi/contracts';
import { Observable } from 'rxjs';
import { API_BASE_URL } from '../core/api-base-url.token';

/** `/api/providers` and the KPI trend of one provider. The api scopes every answer to what the caller may see. */
@Injectable({ providedIn: 'root' })
export class ProvidersApi {
  private readonly http = inject(HttpClient);
  private readonly baseUrl = inject(API_BASE_URL);

  list(): Observable<ProviderSummaryDto[]> {
    return this.http.get<ProviderSummaryDto[]>(`${this.baseUrl}/providers`);
  }

  get(providerId: string): Observable<ProviderDetailDto> {
    return this.http.get<ProviderDetailDto>(`${this.baseUrl}/providers/${encodeURIComponent(providerId)}`);
  }

  getKpiTrend(providerId: string, kpiCode: string, query: KpiTrendQuery = {}): Observable<KpiTrendDto> {
    const url = `${this.baseUrl}/providers/${encodeURIComponent(providerId)}/kpis/${encodeURIComponent(kpiCode)}/trend`;
    return this.http.get<KpiTrendDto>(url, { params: toTrendParams(query) });
  }
}

function toTrendParams(query: KpiTrendQuery): HttpParams {
  let params = new HttpParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') params = params.set(key, String(value));
  }
  return params;
}
