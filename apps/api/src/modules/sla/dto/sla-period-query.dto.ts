import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsOptional, IsString } from 'class-validator';
import { IsCalendarDate, IsCalendarMonth } from '../../../common/calendar-date.validator';
import { toList } from '../../../common/query-list.transform';

export class SlaPeriodQueryDto {
  @ApiPropertyOptional({ example: '2026-05', description: 'first month, yyyy-mm' })
  @IsOptional()
  @IsCalendarMonth({ message: 'from must be a month like 2026-05' })
  from?: string;

  @ApiPropertyOptional({ example: '2026-10', description: 'last month, yyyy-mm' })
  @IsOptional()
  @IsCalendarMonth({ message: 'to must be a month like 2026-10' })
  to?: string;

  @ApiPropertyOptional({ example: '2026-11-01', description: 'evaluate as of this day (default: today in the provider time zone)' })
  @IsOptional()
  @IsCalendarDate({ message: 'asOf must be a date like 2026-11-01' })
  asOf?: string;
}

export class SiteComparisonQueryDto extends SlaPeriodQueryDto {
  @ApiPropertyOptional({ enum: ['site', 'city'], default: 'site' })
  @IsOptional()
  @IsIn(['site', 'city'], { message: 'by must be site or city' })
  by?: 'site' | 'city';

  @ApiPropertyOptional({ type: [String], description: 'KPI codes, comma-separated (default: every KPI with data)' })
  @IsOptional()
  @Transform(toList)
  @IsString({ each: true })
  kpis?: string[];
}

export class ScorecardWeightsBodyDto {
  @ApiPropertyOptional({ example: 0.4 })
  @IsOptional()
  sla_attainment?: number;

  @ApiPropertyOptional({ example: 0.3 })
  @IsOptional()
  qa_score?: number;

  @ApiPropertyOptional({ example: 0.2 })
  @IsOptional()
  escalation_responsiveness?: number;

  @ApiPropertyOptional({ example: 0.1 })
  @IsOptional()
  data_timeliness?: number;
}
