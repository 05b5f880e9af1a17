import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, IsIn, IsOptional, IsString, IsUUID, Length } from 'class-validator';
import {
  KpiRollupQuery,
  ROLLUP_DIMENSIONS,
  ROLLUP_QUERY_GRANULARITIES,
  RollupDimension,
  RollupQueryGranularity,
} from '@kpi/contracts';
import { SERVICE_LINES } from '@kpi/domain';
import { IsCalendarDate } from '../../../common/calendar-date.validator';
import { toList } from '../../../common/query-list.transform';

const LINE_CODES = SERVICE_LINES.map((line) => line.code);

export class RollupQueryDto implements KpiRollupQuery {
  @ApiProperty({ example: 'service_level' })
  @IsString({ message: 'kpi is required (a KPI code)' })
  @Length(1, 64, { message: 'kpi is required (a KPI code)' })
  kpi!: string;

  @ApiPropertyOptional({ enum: ROLLUP_QUERY_GRANULARITIES, default: 'month' })
  @IsOptional()
  @IsIn(ROLLUP_QUERY_GRANULARITIES, {
    message: `granularity must be one of ${ROLLUP_QUERY_GRANULARITIES.join(', ')}`,
  })
  granularity: RollupQueryGranularity = 'month';

  @ApiProperty({ example: '2026-01-01', description: 'inclusive local date yyyy-mm-dd' })
  @IsCalendarDate({ message: 'from must be a date like 2026-01-01' })
  from!: string;

  @ApiProperty({ example: '2026-06-30', description: 'inclusive local date yyyy-mm-dd' })
  @IsCalendarDate({ message: 'to must be a date like 2026-06-30' })
  to!: string;

  @ApiPropertyOptional({ type: [String], description: 'provider ids, comma-separated' })
  @IsOptional()
  @Transform(toList)
  @ArrayMaxSize(500)
  @IsUUID('all', { each: true, message: 'providerIds must be provider ids' })
  providerIds?: string[];

  @ApiPropertyOptional({ type: [String], description: 'site ids, comma-separated' })
  @IsOptional()
  @Transform(toList)
  @ArrayMaxSize(500)
  @IsUUID('all', { each: true, message: 'siteIds must be site ids' })
  siteIds?: string[];

  @ApiPropertyOptional({ type: [String], description: 'city names, comma-separated' })
  @IsOptional()
  @Transform(toList)
  @ArrayMaxSize(100)
  @IsString({ each: true })
  cities?: string[];

  @ApiPropertyOptional({ type: [String], enum: LINE_CODES })
  @IsOptional()
  @Transform(toList)
  @IsIn(LINE_CODES, { each: true, message: `serviceLines must be among ${LINE_CODES.join(', ')}` })
  serviceLines?: string[];

  @ApiPropertyOptional({ type: [String], description: 'queue names, comma-separated' })
  @IsOptional()
  @Transform(toList)
  @ArrayMaxSize(200)
  @IsString({ each: true })
  queues?: string[];

  @ApiPropertyOptional({ type: [String], enum: ROLLUP_DIMENSIONS })
  @IsOptional()
  @Transform(toList)
  @IsIn(ROLLUP_DIMENSIONS, { each: true, message: `groupBy must be among ${ROLLUP_DIMENSIONS.join(', ')}` })
  groupBy?: RollupDimension[];
}
