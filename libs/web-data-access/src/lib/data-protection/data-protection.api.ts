import { HttpClient, HttpResponse } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import { AgentErasureResultDto, RetentionPolicyDto, RetentionPurgeResultDto } from '@kpi/contracts';
import { Observable } from 'rxjs';
import { API_BASE_URL } from '../core/api-base-url.token';

/** `/api/admin/retention*` and `/api/admin/providers/:id/(agents/erase|export)`: admins only. */
@Injectable({ providedIn: 'root' })
export class DataProtectionApi {
  private readonly http = inject(HttpClient);
  private readonly baseUrl = inject(API_BASE_URL);

  policy(): Observable<RetentionPolicyDto> {
    return this.http.get<RetentionPolicyDto>(`${this.baseUrl}/admin/retention`);
  }

  purgeNow(): Observable<RetentionPurgeResultDto> {
    return this.http.post<RetentionPurgeResultDto>(`${this.baseUrl}/admin/retention/purge`, {});
  }

  eraseAgent(providerId: string, agentId: string): Observable<AgentErasureResultDto> {
    return this.http.post<AgentErasureResultDto>(`${this.baseUrl}/admin/providers/${encodeURIComponent(providerId)}/agents/erase`, { agentId });
  }

  /** The provider's data as a ZIP (with its file name from Content-Disposition). */
  exportProvider(providerId: string): Observable<HttpResponse<Blob>> {
    return this.http.get(`${this.baseUrl}/admin/providers/${encodeURIComponent(providerId)}/export`, { responseType: 'blob', observe: 'response' });
  }
}
