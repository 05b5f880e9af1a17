import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import { KpiDefinitionDto } from '@kpi/contracts';
import { Observable } from 'rxjs';
import { API_BASE_URL } from '../core/api-base-url.token';

/** `/api/kpis`: the KPI catalog (built-in and custom definitions). */
@Injectable({ providedIn: 'root' })
export class KpisApi {
  private readonly http = inject(HttpClient);
  private readonly baseUrl = inject(API_BASE_URL);

  list(): Observable<KpiDefinitionDto[]> {
    return this.http.get<KpiDefinitionDto[]>(`${this.baseUrl}/kpis`);
  }
}
