import { HttpClient, HttpParams } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import {
  ContractTermsRequest,
  CreateContractVersionRequest,
  CreateSlaContractRequest,
  CreateSlaExclusionRequest,
  ProviderAttainmentDto,
  ProviderBurnRateDto,
  ProviderCreditsDto,
  ProviderScorecardDto,
  ScorecardRankingDto,
  ScorecardWeightsDto,
  ServiceLevelRequest,
  SiteComparisonDto,
  SlaContractDto,
  SlaContractSummaryDto,
  SlaExclusionDto,
  UpdateScorecardWeightsRequest,
  UpdateSlaContractRequest,
  UpdateSlaExclusionRequest,
} from '@kpi/contracts';
import { Observable } from 'rxjs';
import { API_BASE_URL } from '../core/api-base-url.token';

/** Months and "as of" day of an SLA view; all optional (the api picks sensible defaults). */
export interface SlaPeriodQuery {
  from?: string;
  to?: string;
  asOf?: string;
}

function toParams(query: object): HttpParams {
  let params = new HttpParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    params = params.set(key, Array.isArray(value) ? value.join(',') : String(value));
  }
  return params;
}

/** `/api/sla/contracts/...`, `/api/providers/:id/sla/...`, scorecards and their weights. */
@Injectable({ providedIn: 'root' })
export class SlaApi {
  private readonly http = inject(HttpClient);
  private readonly baseUrl = inject(API_BASE_URL);

  private contractUrl(contractId: string, rest = ''): string {
    return `${this.baseUrl}/sla/contracts/${encodeURIComponent(contractId)}${rest}`;
  }

  private providerUrl(providerId: string, rest: string): string {
    return `${this.baseUrl}/providers/${encodeURIComponent(providerId)}${rest}`;
  }

  listContracts(providerId?: string): Observable<SlaContractSummaryDto[]> {
    return this.http.get<SlaContractSummaryDto[]>(`${this.baseUrl}/sla/contracts`, { params: toParams({ providerId }) });
  }

  getContract(contractId: string): Observable<SlaContractDto> {
    return this.http.get<SlaContractDto>(this.contractUrl(contractId));
  }

  createContract(body: CreateSlaContractRequest): Observable<SlaContractDto> {
    return this.http.post<SlaContractDto>(`${this.baseUrl}/sla/contracts`, body);
  }

  updateContract(contractId: string, body: UpdateSlaContractRequest): Observable<SlaContractDto> {
    return this.http.patch<SlaContractDto>(this.contractUrl(contractId), body);
  }

  deleteContract(contractId: string): Observable<void> {
    return this.http.delete<void>(this.contractUrl(contractId));
  }

  createVersion(contractId: string, body: CreateContractVersionRequest): Observable<SlaContractDto> {
    return this.http.post<SlaContractDto>(this.contractUrl(contractId, '/versions'), body);
  }

  updateVersion(contractId: string, versionId: string, body: Partial<ContractTermsRequest>): Observable<SlaContractDto> {
    return this.http.patch<SlaContractDto>(this.contractUrl(contractId, `/versions/${encodeURIComponent(versionId)}`), body);
  }

  deleteVersion(contractId: string, versionId: string): Observable<SlaContractDto> {
    return this.http.delete<SlaContractDto>(this.contractUrl(contractId, `/versions/${encodeURIComponent(versionId)}`));
  }

  addServiceLevel(contractId: string, versionId: string, body: ServiceLevelRequest): Observable<SlaContractDto> {
    return this.http.post<SlaContractDto>(this.contractUrl(contractId, `/versions/${encodeURIComponent(versionId)}/service-levels`), body);
  }

  updateServiceLevel(contractId: string, versionId: string, rowId: string, body: ServiceLevelRequest): Observable<SlaContractDto> {
    return this.http.put<SlaContractDto>(
      this.contractUrl(contractId, `/versions/${encodeURIComponent(versionId)}/service-levels/${encodeURIComponent(rowId)}`),
      body,
    );
  }

  deleteServiceLevel(contractId: string, versionId: string, rowId: string): Observable<SlaContractDto> {
    return this.http.delete<SlaContractDto>(
      this.contractUrl(contractId, `/versions/${encodeURIComponent(versionId)}/service-levels/${encodeURIComponent(rowId)}`),
    );
  }

  createExclusion(contractId: string, body: CreateSlaExclusionRequest): Observable<SlaExclusionDto> {
    return this.http.post<SlaExclusionDto>(this.contractUrl(contractId, '/exclusions'), body);
  }

  updateExclusion(contractId: string, exclusionId: string, body: UpdateSlaExclusionRequest): Observable<SlaExclusionDto> {
    return this.http.patch<SlaExclusionDto>(this.contractUrl(contractId, `/exclusions/${encodeURIComponent(exclusionId)}`), body);
  }

  deleteExclusion(contractId: string, exclusionId: string): Observable<void> {
    return this.http.delete<void>(this.contractUrl(contractId, `/exclusions/${encodeURIComponent(exclusionId)}`));
  }

  approveExclusion(contractId: string, exclusionId: string): Observable<SlaExclusionDto> {
    return this.http.post<SlaExclusionDto>(this.contractUrl(contractId, `/exclusions/${encodeURIComponent(exclusionId)}/approve`), {});
  }

  attainment(providerId: string, query: SlaPeriodQuery = {}): Observable<ProviderAttainmentDto> {
    return this.http.get<ProviderAttainmentDto>(this.providerUrl(providerId, '/sla/attainment'), { params: toParams(query) });
  }

  burnRate(providerId: string, query: Pick<SlaPeriodQuery, 'asOf'> = {}): Observable<ProviderBurnRateDto> {
    return this.http.get<ProviderBurnRateDto>(this.providerUrl(providerId, '/sla/burn-rate'), { params: toParams(query) });
  }

  credits(providerId: string, query: SlaPeriodQuery = {}): Observable<ProviderCreditsDto> {
    return this.http.get<ProviderCreditsDto>(this.providerUrl(providerId, '/sla/credits'), { params: toParams(query) });
  }

  scorecard(providerId: string, query: SlaPeriodQuery = {}): Observable<ProviderScorecardDto> {
    return this.http.get<ProviderScorecardDto>(this.providerUrl(providerId, '/scorecard'), { params: toParams(query) });
  }

  siteComparison(
    providerId: string,
    query: SlaPeriodQuery & { by?: 'site' | 'city'; kpis?: string[] } = {},
  ): Observable<SiteComparisonDto> {
    return this.http.get<SiteComparisonDto>(this.providerUrl(providerId, '/site-comparison'), { params: toParams(query) });
  }

  ranking(query: SlaPeriodQuery = {}): Observable<ScorecardRankingDto> {
    return this.http.get<ScorecardRankingDto>(`${this.baseUrl}/scorecards`, { params: toParams(query) });
  }

  weights(): Observable<ScorecardWeightsDto> {
    return this.http.get<ScorecardWeightsDto>(`${this.baseUrl}/scorecard-weights`);
  }

  updateWeights(body: UpdateScorecardWeightsRequest): Observable<ScorecardWeightsDto> {
    return this.http.put<ScorecardWeightsDto>(`${this.baseUrl}/scorecard-weights`, body);
  }
}
