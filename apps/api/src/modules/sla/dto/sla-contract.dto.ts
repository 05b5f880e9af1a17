import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsNumber,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import type {
  ContractTermsRequest,
  CreateContractVersionRequest,
  CreateSlaContractRequest,
  CreateSlaExclusionRequest,
  ServiceLevelRequest,
  SlaLevelDto,
  UpdateContractVersionRequest,
  UpdateSlaContractRequest,
  UpdateSlaExclusionRequest,
} from '@kpi/contracts';
import {
  MEASUREMENT_PERIODS,
  MeasurementPeriod,
  SERVICE_LEVEL_KINDS,
  SERVICE_LINES,
  ServiceLevelKind,
  ServiceLineCode,
} from '@kpi/domain';
import { IsCalendarDate } from '../../../common/calendar-date.validator';
import { IsSlaLevel } from './sla-level.validator';

const LINE_CODES = SERVICE_LINES.map((line) => line.code);
const MONEY = { allowNaN: false, allowInfinity: false, maxDecimalPlaces: 2 };
const PERCENT = { allowNaN: false, allowInfinity: false, maxDecimalPlaces: 3 };
/** Within what the monthly_fee column (numeric(16,2)) holds. */
const MAX_MONTHLY_FEE = 99_999_999_999_999;

export class ContractTermsDto implements ContractTermsRequest {
  @ApiProperty({ example: 'MXN' })
  @Matches(/^[A-Z]{3}$/, { message: 'currency must be an ISO 4217 code like MXN' })
  currency!: string;

  @ApiProperty({ example: 3600000 })
  @IsNumber(MONEY, { message: 'monthlyFee must be an amount with at most 2 decimals' })
  @Min(0, { message: 'monthlyFee must be 0 or more' })
  @Max(MAX_MONTHLY_FEE, { message: `monthlyFee must be at most ${MAX_MONTHLY_FEE}` })
  monthlyFee!: number;

  @ApiProperty({ example: 12, description: 'percentage points of the monthly fee' })
  @IsNumber(PERCENT, { message: 'atRiskPct must be a number (12 for 12 %)' })
  atRiskPct!: number;

  @ApiProperty({ example: '2026-01-01' })
  @IsCalendarDate({ message: 'effectiveFrom must be a date like 2026-01-01' })
  effectiveFrom!: string;

  @ApiPropertyOptional({ nullable: true })
  @IsOptional()
  @IsCalendarDate({ message: 'effectiveTo must be a date like 2026-12-31' })
  effectiveTo?: string | null;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(4000)
  notes?: string;
}

export class UpdateContractTermsDto implements UpdateContractVersionRequest {
  @ApiPropertyOptional({ example: 'MXN' })
  @IsOptional()
  @Matches(/^[A-Z]{3}$/, { message: 'currency must be an ISO 4217 code like MXN' })
  currency?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsNumber(MONEY, { message: 'monthlyFee must be an amount with at most 2 decimals' })
  @Min(0, { message: 'monthlyFee must be 0 or more' })
  @Max(MAX_MONTHLY_FEE, { message: `monthlyFee must be at most ${MAX_MONTHLY_FEE}` })
  monthlyFee?: number;

  @ApiPropertyOptional()
  @IsOptional()
  @IsNumber(PERCENT, { message: 'atRiskPct must be a number (12 for 12 %)' })
  atRiskPct?: number;

  @ApiPropertyOptional()
  @IsOptional()
  @IsCalendarDate({ message: 'effectiveFrom must be a date like 2026-01-01' })
  effectiveFrom?: string;

  @ApiPropertyOptional({ nullable: true })
  @IsOptional()
  @IsCalendarDate({ message: 'effectiveTo must be a date like 2026-12-31' })
  effectiveTo?: string | null;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(4000)
  notes?: string;
}

export class ServiceLevelDto implements ServiceLevelRequest {
  @ApiProperty({ example: 'Service level 80/20 – Guadalajara voice' })
  @IsString({ message: 'name is required' })
  @Length(1, 200, { message: 'name is required (at most 200 characters)' })
  name!: string;

  @ApiProperty({ example: 'service_level' })
  @IsString({ message: 'kpiCode is required' })
  @Length(1, 64, { message: 'kpiCode is required' })
  kpiCode!: string;

  @ApiPropertyOptional({ nullable: true, description: 'null = every site' })
  @IsOptional()
  @IsUUID('all', { message: 'siteId must be a site of the provider' })
  siteId?: string | null;

  @ApiPropertyOptional({ nullable: true, enum: LINE_CODES })
  @IsOptional()
  @IsIn(LINE_CODES, { message: `serviceLine must be one of ${LINE_CODES.join(', ')}` })
  serviceLine?: ServiceLineCode | null;

  @ApiPropertyOptional({ nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(120)
  queue?: string | null;

  @ApiProperty({ example: 0.8, description: 'a number in the KPI scale (0.8 = 80 %) or { low, high }' })
  @IsSlaLevel({ message: 'target must be a number (0.8 for 80 %) or a band { low, high }' })
  target!: SlaLevelDto;

  @ApiProperty({ example: 0.75 })
  @IsSlaLevel({ message: 'minimum must be a number (0.75 for 75 %) or a band { low, high }' })
  minimum!: SlaLevelDto;

  @ApiProperty({ enum: MEASUREMENT_PERIODS })
  @IsIn(MEASUREMENT_PERIODS, { message: `measurementPeriod must be one of ${MEASUREMENT_PERIODS.join(', ')}` })
  measurementPeriod!: MeasurementPeriod;

  @ApiProperty({ enum: SERVICE_LEVEL_KINDS })
  @IsIn(SERVICE_LEVEL_KINDS, { message: `kind must be one of ${SERVICE_LEVEL_KINDS.join(', ')}` })
  kind!: ServiceLevelKind;

  @ApiProperty({ example: 30, description: 'percentage points of the at-risk pool' })
  @IsNumber(PERCENT, { message: 'poolAllocationPct must be a number (30 for 30 %)' })
  poolAllocationPct!: number;

  @ApiPropertyOptional({ nullable: true, description: 'periods to meet the target in to earn a credit back' })
  @IsOptional()
  @IsInt({ message: 'earnBackPeriods must be a whole number of periods' })
  @Min(1, { message: 'earnBackPeriods must be at least 1' })
  @Max(120, { message: 'earnBackPeriods must be at most 120' })
  earnBackPeriods?: number | null;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(4000)
  meansOfMeasurement?: string;
}

export class CreateSlaContractDto implements CreateSlaContractRequest {
  @ApiProperty()
  @IsUUID('all', { message: 'providerId must be a provider id' })
  providerId!: string;

  @ApiProperty({ example: 'Pacífico BPO customer care 2025-2027' })
  @IsString({ message: 'name is required' })
  @Length(1, 200, { message: 'name is required (at most 200 characters)' })
  name!: string;

  @ApiPropertyOptional({ nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(80)
  reference?: string | null;

  @ApiProperty({ type: ContractTermsDto })
  @ValidateNested()
  @Type(() => ContractTermsDto)
  terms!: ContractTermsDto;

  @ApiPropertyOptional({ type: [ServiceLevelDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => ServiceLevelDto)
  serviceLevels?: ServiceLevelDto[];
}

export class UpdateSlaContractDto implements UpdateSlaContractRequest {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString({ message: 'name must be text' })
  @Length(1, 200, { message: 'name must not be empty (at most 200 characters)' })
  name?: string;

  @ApiPropertyOptional({ nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(80)
  reference?: string | null;
}

export class CreateContractVersionDto implements CreateContractVersionRequest {
  @ApiProperty({ example: '2026-07-01' })
  @IsCalendarDate({ message: 'effectiveFrom must be a date like 2026-07-01' })
  effectiveFrom!: string;

  @ApiPropertyOptional({ nullable: true })
  @IsOptional()
  @IsCalendarDate({ message: 'effectiveTo must be a date like 2027-06-30' })
  effectiveTo?: string | null;

  @ApiPropertyOptional()
  @IsOptional()
  @Matches(/^[A-Z]{3}$/, { message: 'currency must be an ISO 4217 code like MXN' })
  currency?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsNumber(MONEY, { message: 'monthlyFee must be an amount with at most 2 decimals' })
  @Min(0, { message: 'monthlyFee must be 0 or more' })
  @Max(MAX_MONTHLY_FEE, { message: `monthlyFee must be at most ${MAX_MONTHLY_FEE}` })
  monthlyFee?: number;

  @ApiPropertyOptional()
  @IsOptional()
  @IsNumber(PERCENT, { message: 'atRiskPct must be a number (12 for 12 %)' })
  atRiskPct?: number;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(4000)
  notes?: string;

  @ApiPropertyOptional({ default: true })
  @IsOptional()
  @IsBoolean()
  copyServiceLevels?: boolean;
}

export class CreateSlaExclusionDto implements CreateSlaExclusionRequest {
  @ApiProperty({ example: '2026-09-21' })
  @IsCalendarDate({ message: 'from must be a date like 2026-09-21' })
  from!: string;

  @ApiProperty({ example: '2026-09-21' })
  @IsCalendarDate({ message: 'to must be a date like 2026-09-21' })
  to!: string;

  @ApiProperty({ example: 'Power outage after Hurricane (CFE grid failure)' })
  @IsString({ message: 'reason is required' })
  @Length(1, 2000, { message: 'reason is required' })
  reason!: string;

  @ApiPropertyOptional({ nullable: true, type: [String], description: 'null = every site' })
  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @IsArray()
  @ArrayMaxSize(100)
  @IsUUID('all', { each: true, message: 'siteIds must be sites of the provider' })
  siteIds?: string[] | null;

  @ApiPropertyOptional({ nullable: true, type: [String], description: 'null = every service level' })
  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @IsArray()
  @ArrayMaxSize(100)
  @IsUUID('all', { each: true, message: 'serviceLevelIds must be service levels of the contract' })
  serviceLevelIds?: string[] | null;
}

export class UpdateSlaExclusionDto implements UpdateSlaExclusionRequest {
  @ApiPropertyOptional()
  @IsOptional()
  @IsCalendarDate({ message: 'from must be a date like 2026-09-21' })
  from?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsCalendarDate({ message: 'to must be a date like 2026-09-21' })
  to?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Length(1, 2000, { message: 'reason must not be empty' })
  reason?: string;

  @ApiPropertyOptional({ nullable: true, type: [String] })
  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @IsArray()
  @IsUUID('all', { each: true, message: 'siteIds must be sites of the provider' })
  siteIds?: string[] | null;

  @ApiPropertyOptional({ nullable: true, type: [String] })
  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @IsArray()
  @IsUUID('all', { each: true, message: 'serviceLevelIds must be service levels of the contract' })
  serviceLevelIds?: string[] | null;
}

export class ContractListQueryDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID('all', { message: 'providerId must be a provider id' })
  providerId?: string;
}
