import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsUUID, Matches } from 'class-validator';
import { GRANULARITIES, Granularity, KpiTrendQuery } from '@kpi/contracts';
import { SERVICE_LINES, ServiceLineCode } from '@kpi/domain';

const ISO_DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

export class TrendQueryDto implements KpiTrendQuery {
  @ApiPropertyOptional({ enum: GRANULARITIES, default: 'day' })
  @IsOptional()
  @IsIn(GRANULARITIES, { message: `granularity must be one of ${GRANULARITIES.join(', ')}` })
  granularity?: Granularity;

  @ApiPropertyOptional({ example: '2026-08-01', description: 'inclusive, yyyy-mm-dd' })
  @IsOptional()
  @Matches(ISO_DATE, { message: 'from must be a date like 2026-08-01' })
  from?: string;

  @ApiPropertyOptional({ example: '2026-10-31', description: 'inclusive, yyyy-mm-dd' })
  @IsOptional()
  @Matches(ISO_DATE, { message: 'to must be a date like 2026-10-31' })
  to?: string;

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
}
