import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import { CustomKpiRequest, KpiDefinitionDto, UpdateCustomKpiRequest } from '@kpi/contracts';
import { Observable } from 'rxjs';
import { API_BASE_URL } from '../core/api-base-url.token';

/** `/api/kpis`: the KPI catalog (built-in and custom definitions), and admin changes to custom KPIs. */
@Injectable({ providedIn: 'root' })
export class KpisApi {
  private readonly http = inject(HttpClient);
  private readonly baseUrl = inject(API_BASE_URL);

  list(): Observable<KpiDefinitionDto[]> {
    return this.http.get<KpiDefinitionDto[]>(`${this.baseUrl}/kpis`);
  }

  /** Admins only: a custom KPI (validated by the api with kpi-domain's rules). */
  create(body: CustomKpiRequest): Observable<KpiDefinitionDto> {
    return this.http.post<KpiDefinitionDto>(`${this.baseUrl}/kpis`, body);
  }

  update(code: string, body: UpdateCustomKpiRequest): Observable<KpiDefinitionDto> {
    return this.http.put<KpiDefinitionDto>(`${this.baseUrl}/kpis/${encodeURIComponent(code)}`, body);
  }

  remove(code: string): Observable<void> {
    return this.http.delete<void>(`${this.baseUrl}/kpis/${encodeURIComponent(code)}`);
  }
}
