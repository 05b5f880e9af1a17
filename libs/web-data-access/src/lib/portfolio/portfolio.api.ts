import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import { PortfolioOverviewDto } from '@kpi/contracts';
import { Observable } from 'rxjs';
import { API_BASE_URL } from '../core/api-base-url.token';

/** `/api/portfolio/overview`: the caller's providers at a glance (the api scopes it to what the caller may see). */
@Injectable({ providedIn: 'root' })
export class PortfolioApi {
  private readonly http = inject(HttpClient);
  private readonly baseUrl = inject(API_BASE_URL);

  overview(): Observable<PortfolioOverviewDto> {
    return this.http.get<PortfolioOverviewDto>(`${this.baseUrl}/portfolio/overview`);
  }
}
