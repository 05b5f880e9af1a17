import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsOptional, IsString, IsUUID, Matches, MaxLength, ValidateIf, ValidateNested } from 'class-validator';
import type { AgreedActionDto, GenerateQuarterlyReviewRequest, SaveQuarterlyCommentaryRequest } from '@kpi/contracts';
import { IsCalendarDate } from '../../../common/calendar-date.validator';

export const QUARTER_PATTERN = /^\d{4}-Q[1-4]$/;
const QUARTER_MESSAGE = 'quarter must look like 2026-Q3';

export class GenerateQuarterlyReviewDto implements GenerateQuarterlyReviewRequest {
  @ApiPropertyOptional({ description: 'omit for a portfolio pack across your providers' })
  @IsOptional()
  @IsUUID('all', { message: 'providerId must be a provider id' })
  providerId?: string;

  @ApiProperty({ example: '2026-Q3' })
  @Matches(QUARTER_PATTERN, { message: QUARTER_MESSAGE })
  quarter!: string;
}

export class AgreedActionBodyDto implements AgreedActionDto {
  @ApiProperty()
  @IsString()
  @MaxLength(1000)
  action!: string;

  @ApiProperty()
  @IsString()
  @MaxLength(200)
  owner!: string;

  @ApiPropertyOptional({ nullable: true, example: '2026-11-30' })
  @ValidateIf((_, value) => value !== null && value !== undefined)
  @IsCalendarDate({ message: 'dueDate must be a date like 2026-11-30' })
  dueDate!: string | null;
}

export class SaveQuarterlyCommentaryDto implements SaveQuarterlyCommentaryRequest {
  @ApiProperty()
  @IsString()
  @MaxLength(20000)
  commentary!: string;

  @ApiProperty({ type: [AgreedActionBodyDto] })
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => AgreedActionBodyDto)
  actions!: AgreedActionBodyDto[];
}

export class QuarterQueryDto {
  @ApiProperty({ example: '2026-Q3' })
  @Matches(QUARTER_PATTERN, { message: QUARTER_MESSAGE })
  quarter!: string;
}

export class ReviewListQueryDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID('all', { message: 'providerId must be a provider id' })
  providerId?: string;

  @ApiPropertyOptional({ example: '2026-Q3' })
  @IsOptional()
  @Matches(QUARTER_PATTERN, { message: QUARTER_MESSAGE })
  quarter?: string;
}

export class DownloadQueryDto {
  @ApiProperty({ enum: ['pdf', 'xlsx', 'csv-zip', 'csv'] })
  @IsIn(['pdf', 'xlsx', 'csv-zip', 'csv'], { message: 'format must be one of pdf, xlsx, csv-zip, csv' })
  format!: 'pdf' | 'xlsx' | 'csv-zip' | 'csv';

  @ApiPropertyOptional({ description: 'with format=csv: the table key, e.g. attainment' })
  @IsOptional()
  @Matches(/^[a-z0-9_]{1,60}$/, { message: 'table must be a table key like attainment' })
  table?: string;
}
