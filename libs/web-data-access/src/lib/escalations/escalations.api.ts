import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import {
  AcknowledgeEscalationRequest,
  ActionPlanRequest,
  AgreeActionPlanRequest,
  AssignEscalationRequest,
  CommentRequest,
  CreateEscalationRequest,
  EscalationDetailDto,
  EscalationListDto,
  EscalationMatrixDto,
  EscalationQuery,
  EscalationResponsivenessDto,
  EscalationResponsivenessQuery,
  NoteRequest,
  ReopenEscalationRequest,
  ResolveEscalationRequest,
  SaveEscalationMatrixRequest,
} from '@kpi/contracts';
import { Observable } from 'rxjs';
import { API_BASE_URL } from '../core/api-base-url.token';
import { toParams } from './query-params';

/** `/api/escalations`: the queue, one escalation, its actions, the matrix and responsiveness figures. */
@Injectable({ providedIn: 'root' })
export class EscalationsApi {
  private readonly http = inject(HttpClient);
  private readonly baseUrl = inject(API_BASE_URL);

  list(query: EscalationQuery = {}): Observable<EscalationListDto> {
    return this.http.get<EscalationListDto>(`${this.baseUrl}/escalations`, { params: toParams(query) });
  }

  get(id: string): Observable<EscalationDetailDto> {
    return this.http.get<EscalationDetailDto>(this.url(id));
  }

  create(request: CreateEscalationRequest): Observable<EscalationDetailDto> {
    return this.http.post<EscalationDetailDto>(`${this.baseUrl}/escalations`, request);
  }

  acknowledge(id: string, request: AcknowledgeEscalationRequest = {}): Observable<EscalationDetailDto> {
    return this.http.post<EscalationDetailDto>(`${this.url(id)}/acknowledge`, request);
  }

  proposeActionPlan(id: string, request: ActionPlanRequest): Observable<EscalationDetailDto> {
    return this.http.post<EscalationDetailDto>(`${this.url(id)}/action-plan`, request);
  }

  agreeActionPlan(id: string, request: AgreeActionPlanRequest = {}): Observable<EscalationDetailDto> {
    return this.http.post<EscalationDetailDto>(`${this.url(id)}/action-plan/agree`, request);
  }

  resolve(id: string, request: ResolveEscalationRequest): Observable<EscalationDetailDto> {
    return this.http.post<EscalationDetailDto>(`${this.url(id)}/resolve`, request);
  }

  close(id: string, request: NoteRequest = {}): Observable<EscalationDetailDto> {
    return this.http.post<EscalationDetailDto>(`${this.url(id)}/close`, request);
  }

  reopen(id: string, request: ReopenEscalationRequest): Observable<EscalationDetailDto> {
    return this.http.post<EscalationDetailDto>(`${this.url(id)}/reopen`, request);
  }

  comment(id: string, request: CommentRequest): Observable<EscalationDetailDto> {
    return this.http.post<EscalationDetailDto>(`${this.url(id)}/comments`, request);
  }

  escalate(id: string, request: NoteRequest = {}): Observable<EscalationDetailDto> {
    return this.http.post<EscalationDetailDto>(`${this.url(id)}/escalate`, request);
  }

  assign(id: string, request: AssignEscalationRequest): Observable<EscalationDetailDto> {
    return this.http.post<EscalationDetailDto>(`${this.url(id)}/assign`, request);
  }

  matrices(): Observable<EscalationMatrixDto[]> {
    return this.http.get<EscalationMatrixDto[]>(`${this.baseUrl}/escalations/matrix`);
  }

  saveMatrix(providerId: string, request: SaveEscalationMatrixRequest): Observable<EscalationMatrixDto> {
    return this.http.put<EscalationMatrixDto>(`${this.baseUrl}/escalations/matrix/${encodeURIComponent(providerId)}`, request);
  }

  responsiveness(query: EscalationResponsivenessQuery = {}): Observable<EscalationResponsivenessDto[]> {
    return this.http.get<EscalationResponsivenessDto[]>(`${this.baseUrl}/escalations/responsiveness`, { params: toParams(query) });
  }

  private url(id: string): string {
    return `${this.baseUrl}/escalations/${encodeURIComponent(id)}`;
  }
}
