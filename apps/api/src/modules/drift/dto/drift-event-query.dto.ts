import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsUUID, Matches, Max, MaxLength, Min } from 'class-validator';
import {
  DRIFT_DIRECTIONS,
  DRIFT_EVENT_KINDS,
  DRIFT_EVENT_STATUSES,
  DriftDirection,
  DriftEventKind,
  DriftEventQuery,
  DriftEventStatus,
} from '@kpi/contracts';
import { DRIFT_EVENTS_MAX_PAGE_SIZE } from '../drift.constants';

export const ISO_DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

export class DriftEventQueryDto implements DriftEventQuery {
  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID('all', { message: 'providerId must be a provider id' })
  providerId?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID('all', { message: 'siteId must be a site id' })
  siteId?: string;

  @ApiPropertyOptional({ example: 'aht' })
  @IsOptional()
  @MaxLength(64)
  @Matches(/^[a-z0-9_]+$/, { message: 'kpiCode must be a KPI code like aht' })
  kpiCode?: string;

  @ApiPropertyOptional({ enum: DRIFT_EVENT_KINDS })
  @IsOptional()
  @IsIn(DRIFT_EVENT_KINDS, { message: `kind must be one of ${DRIFT_EVENT_KINDS.join(', ')}` })
  kind?: DriftEventKind;

  @ApiPropertyOptional({ enum: DRIFT_EVENT_STATUSES })
  @IsOptional()
  @IsIn(DRIFT_EVENT_STATUSES, { message: `status must be one of ${DRIFT_EVENT_STATUSES.join(', ')}` })
  status?: DriftEventStatus;

  @ApiPropertyOptional({ enum: DRIFT_DIRECTIONS })
  @IsOptional()
  @IsIn(DRIFT_DIRECTIONS, { message: `direction must be one of ${DRIFT_DIRECTIONS.join(', ')}` })
  direction?: DriftDirection;

  @ApiPropertyOptional({
    example: '2026-08-01',
    description: 'events that started or were still evaluated on or after this date',
  })
  @IsOptional()
  @Matches(ISO_DATE, { message: 'since must be a date like 2026-08-01' })
  since?: string;

  @ApiPropertyOptional({ default: 100, maximum: DRIFT_EVENTS_MAX_PAGE_SIZE })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'limit must be a whole number' })
  @Min(1)
  @Max(DRIFT_EVENTS_MAX_PAGE_SIZE)
  limit?: number;

  @ApiPropertyOptional({ default: 0 })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'offset must be a whole number' })
  @Min(0)
  offset?: number;
}
