import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsUUID, Matches } from 'class-validator';
import { DriftOverlayQuery, GRANULARITIES, Granularity } from '@kpi/contracts';
import { SERVICE_LINES, ServiceLineCode } from '@kpi/domain';
import { ISO_DATE } from './drift-event-query.dto';

export class DriftOverlayQueryDto implements DriftOverlayQuery {
  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID('all', { message: 'siteId must be a site id' })
  siteId?: string;

  @ApiPropertyOptional({ enum: SERVICE_LINES.map((l) => l.code) })
  @IsOptional()
  @IsIn(SERVICE_LINES.map((l) => l.code), {
    message: `serviceLine must be one of ${SERVICE_LINES.map((l) => l.code).join(', ')}`,
  })
  serviceLine?: ServiceLineCode;

  @ApiPropertyOptional({ example: '2026-08-01' })
  @IsOptional()
  @Matches(ISO_DATE, { message: 'from must be a date like 2026-08-01' })
  from?: string;

  @ApiPropertyOptional({ example: '2026-10-31' })
  @IsOptional()
  @Matches(ISO_DATE, { message: 'to must be a date like 2026-10-31' })
  to?: string;

  @ApiPropertyOptional({ enum: GRANULARITIES, default: 'day' })
  @IsOptional()
  @IsIn(GRANULARITIES, { message: `granularity must be one of ${GRANULARITIES.join(', ')}` })
  granularity?: Granularity;
}
