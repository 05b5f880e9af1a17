import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { SlaContractDto, SlaContractSummaryDto, SlaExclusionDto } from '@kpi/contracts';
import { parseId } from '../../common/parse-id.pipe';
import { CurrentUserParam, Scope } from '../auth/auth.decorators';
import { AuthenticatedUser } from '../auth/authenticated-user';
import { ProviderScope } from '../auth/provider-scope';
import {
  ContractListQueryDto,
  CreateContractVersionDto,
  CreateSlaContractDto,
  CreateSlaExclusionDto,
  ServiceLevelDto,
  UpdateContractTermsDto,
  UpdateSlaContractDto,
  UpdateSlaExclusionDto,
} from './dto/sla-contract.dto';
import { SlaContractsService } from './sla-contracts.service';

/**
 * SLA contracts. Everyone reads the contracts of the providers they may see; admins and account managers
 * (of that provider) change them. A contract outside the caller's providers is a 404.
 */
@ApiTags('sla')
@ApiBearerAuth()
@Controller('sla/contracts')
export class SlaContractsController {
  constructor(private readonly contracts: SlaContractsService) {}

  @Get()
  list(@Scope() scope: ProviderScope, @Query() query: ContractListQueryDto): Promise<SlaContractSummaryDto[]> {
    return this.contracts.list(scope, query.providerId);
  }

  @Post()
  create(
    @Scope() scope: ProviderScope,
    @CurrentUserParam() user: AuthenticatedUser,
    @Body() body: CreateSlaContractDto,
  ): Promise<SlaContractDto> {
    return this.contracts.create(scope, user, body);
  }

  @Get(':contractId')
  get(
    @Scope() scope: ProviderScope,
    @CurrentUserParam() user: AuthenticatedUser,
    @Param('contractId', parseId('Contract')) contractId: string,
  ): Promise<SlaContractDto> {
    return this.contracts.get(scope, user, contractId);
  }

  @Patch(':contractId')
  update(
    @Scope() scope: ProviderScope,
    @CurrentUserParam() user: AuthenticatedUser,
    @Param('contractId', parseId('Contract')) contractId: string,
    @Body() body: UpdateSlaContractDto,
  ): Promise<SlaContractDto> {
    return this.contracts.update(scope, user, contractId, body);
  }

  @Delete(':contractId')
  @HttpCode(204)
  remove(
    @Scope() scope: ProviderScope,
    @CurrentUserParam() user: AuthenticatedUser,
    @Param('contractId', parseId('Contract')) contractId: string,
  ): Promise<void> {
    return this.contracts.remove(scope, user, contractId);
  }

  /** A renegotiation: new terms from a date; past periods keep being judged by the terms in force then. */
  @Post(':contractId/versions')
  createVersion(
    @Scope() scope: ProviderScope,
    @CurrentUserParam() user: AuthenticatedUser,
    @Param('contractId', parseId('Contract')) contractId: string,
    @Body() body: CreateContractVersionDto,
  ): Promise<SlaContractDto> {
    return this.contracts.createVersion(scope, user, contractId, body);
  }

  @Patch(':contractId/versions/:versionId')
  updateVersion(
    @Scope() scope: ProviderScope,
    @CurrentUserParam() user: AuthenticatedUser,
    @Param('contractId', parseId('Contract')) contractId: string,
    @Param('versionId', parseId('Contract version')) versionId: string,
    @Body() body: UpdateContractTermsDto,
  ): Promise<SlaContractDto> {
    return this.contracts.updateVersion(scope, user, contractId, versionId, body);
  }

  @Delete(':contractId/versions/:versionId')
  deleteVersion(
    @Scope() scope: ProviderScope,
    @CurrentUserParam() user: AuthenticatedUser,
    @Param('contractId', parseId('Contract')) contractId: string,
    @Param('versionId', parseId('Contract version')) versionId: string,
  ): Promise<SlaContractDto> {
    return this.contracts.deleteVersion(scope, user, contractId, versionId);
  }

  @Post(':contractId/versions/:versionId/service-levels')
  addServiceLevel(
    @Scope() scope: ProviderScope,
    @CurrentUserParam() user: AuthenticatedUser,
    @Param('contractId', parseId('Contract')) contractId: string,
    @Param('versionId', parseId('Contract version')) versionId: string,
    @Body() body: ServiceLevelDto,
  ): Promise<SlaContractDto> {
    return this.contracts.addServiceLevel(scope, user, contractId, versionId, body);
  }

  @Put(':contractId/versions/:versionId/service-levels/:serviceLevelRowId')
  updateServiceLevel(
    @Scope() scope: ProviderScope,
    @CurrentUserParam() user: AuthenticatedUser,
    @Param('contractId', parseId('Contract')) contractId: string,
    @Param('versionId', parseId('Contract version')) versionId: string,
    @Param('serviceLevelRowId', parseId('Service level')) rowId: string,
    @Body() body: ServiceLevelDto,
  ): Promise<SlaContractDto> {
    return this.contracts.updateServiceLevel(scope, user, contractId, versionId, rowId, body);
  }

  @Delete(':contractId/versions/:versionId/service-levels/:serviceLevelRowId')
  removeServiceLevel(
    @Scope() scope: ProviderScope,
    @CurrentUserParam() user: AuthenticatedUser,
    @Param('contractId', parseId('Contract')) contractId: string,
    @Param('versionId', parseId('Contract version')) versionId: string,
    @Param('serviceLevelRowId', parseId('Service level')) rowId: string,
  ): Promise<SlaContractDto> {
    return this.contracts.removeServiceLevel(scope, user, contractId, versionId, rowId);
  }

  @Post(':contractId/exclusions')
  createExclusion(
    @Scope() scope: ProviderScope,
    @CurrentUserParam() user: AuthenticatedUser,
    @Param('contractId', parseId('Contract')) contractId: string,
    @Body() body: CreateSlaExclusionDto,
  ): Promise<SlaExclusionDto> {
    return this.contracts.createExclusion(scope, user, contractId, body);
  }

  @Patch(':contractId/exclusions/:exclusionId')
  updateExclusion(
    @Scope() scope: ProviderScope,
    @CurrentUserParam() user: AuthenticatedUser,
    @Param('contractId', parseId('Contract')) contractId: string,
    @Param('exclusionId', parseId('Exclusion')) exclusionId: string,
    @Body() body: UpdateSlaExclusionDto,
  ): Promise<SlaExclusionDto> {
    return this.contracts.updateExclusion(scope, user, contractId, exclusionId, body);
  }

  @Delete(':contractId/exclusions/:exclusionId')
  @HttpCode(204)
  deleteExclusion(
    @Scope() scope: ProviderScope,
    @CurrentUserParam() user: AuthenticatedUser,
    @Param('contractId', parseId('Contract')) contractId: string,
    @Param('exclusionId', parseId('Exclusion')) exclusionId: string,
  ): Promise<void> {
    return this.contracts.deleteExclusion(scope, user, contractId, exclusionId);
  }

  /** Approval is a separate action: only approved exclusions are applied to attainment and credits. */
  @Post(':contractId/exclusions/:exclusionId/approve')
  @HttpCode(200)
  approveExclusion(
    @Scope() scope: ProviderScope,
    @CurrentUserParam() user: AuthenticatedUser,
    @Param('contractId', parseId('Contract')) contractId: string,
    @Param('exclusionId', parseId('Exclusion')) exclusionId: string,
  ): Promise<SlaExclusionDto> {
    return this.contracts.approveExclusion(scope, user, contractId, exclusionId);
  }
}
