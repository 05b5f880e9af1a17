import { HttpClient, HttpParams } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import { AuditPageDto, AuditVerificationDto } from '@kpi/contracts';
import { Observable } from 'rxjs';
import { API_BASE_URL } from '../core/api-base-url.token';

export interface AuditFilter {
  from?: string;
  to?: string;
  action?: string;
  actor?: string;
  providerId?: string;
  limit?: number;
  offset?: number;
}

/** `/api/admin/audit` (admins) and `/api/providers/:id/access-log` (admins and the provider's account managers). */
@Injectable({ providedIn: 'root' })
export class AuditApi {
  private readonly http = inject(HttpClient);
  private readonly baseUrl = inject(API_BASE_URL);

  search(filter: AuditFilter): Observable<AuditPageDto> {
    return this.http.get<AuditPageDto>(`${this.baseUrl}/admin/audit`, { params: toParams(filter) });
  }

  /** The matching entries as a CSV Blob (the request carries the bearer token, so a plain link would not). */
  exportCsv(filter: AuditFilter): Observable<Blob> {
    return this.http.get(`${this.baseUrl}/admin/audit/export`, { params: toParams({ ...filter, limit: undefined, offset: undefined }), responseType: 'blob' });
  }

  verify(): Observable<AuditVerificationDto> {
    return this.http.get<AuditVerificationDto>(`${this.baseUrl}/admin/audit/verify`);
  }

  providerAccess(providerId: string, filter: Pick<AuditFilter, 'from' | 'to' | 'limit' | 'offset'> = {}): Observable<AuditPageDto> {
    return this.http.get<AuditPageDto>(`${this.baseUrl}/providers/${encodeURIComponent(providerId)}/access-log`, { params: toParams(filter) });
  }
}

function toParams(filter: AuditFilter): HttpParams {
  let params = new HttpParams();
  for (const [key, value] of Object.entries(filter)) {
    if (value !== undefined && value !== null && value !== '') params = params.set(key, String(value));
  }
  return params;
}
