import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import {
  BatchPolicy,
  CONNECTOR_TYPES,
  ConnectorType,
  CreateFeedRequest,
  FEED_SOURCE_KINDS,
  FeedSourceKind,
  ResubmitRowsRequest,
  UpdateFeedRequest,
} from '@kpi/contracts';

const POLICIES: BatchPolicy[] = ['reject_batch', 'quarantine_invalid'];
const DATE = /^\d{4}-\d{2}-\d{2}$/;

export class UpdateFeedDto implements UpdateFeedRequest {
  @ApiPropertyOptional() @IsOptional() @IsString() @MinLength(1) @MaxLength(160) name?: string;
  @ApiPropertyOptional({ enum: FEED_SOURCE_KINDS }) @IsOptional() @IsIn(FEED_SOURCE_KINDS) sourceKind?: FeedSourceKind;
  @ApiPropertyOptional({ example: '*/5 * * * *' }) @IsOptional() @IsString() @MaxLength(120) scheduleCron?: string | null;
  @ApiPropertyOptional({ example: 'America/Mexico_City' }) @IsOptional() @IsString() @MaxLength(64) timeZone?: string;
  @ApiPropertyOptional() @IsOptional() @IsObject() config?: Record<string, unknown>;
  @ApiPropertyOptional() @IsOptional() @IsObject() mapping?: Record<string, unknown> | null;
  @ApiPropertyOptional({ description: 'Write-only, e.g. {"token": "..."}' }) @IsOptional() @IsObject() credentials?: Record<string, string> | null;
  @ApiPropertyOptional({ enum: POLICIES }) @IsOptional() @IsIn(POLICIES) batchPolicy?: BatchPolicy;
  @ApiPropertyOptional() @IsOptional() @IsInt() @Min(1) @Max(60 * 24 * 62) expectedCadenceMinutes?: number | null;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() enabled?: boolean;
}

export class CreateFeedDto extends UpdateFeedDto implements CreateFeedRequest {
  @ApiProperty() @IsUUID('all', { message: 'providerId must be a provider id' }) providerId!: string;
  @ApiProperty() @IsString() @MinLength(1) @MaxLength(160) declare name: string;
  @ApiProperty({ enum: CONNECTOR_TYPES }) @IsIn(CONNECTOR_TYPES) connector!: ConnectorType;
}

export class BackfillDto {
  @ApiProperty({ example: '2026-10-01' }) @Matches(DATE, { message: 'from must be yyyy-mm-dd' }) from!: string;
  @ApiProperty({ example: '2026-10-31' }) @Matches(DATE, { message: 'to must be yyyy-mm-dd' }) to!: string;
}

export class UploadFieldsDto {
  @ApiPropertyOptional({ description: 'Column mapping as JSON text' }) @IsOptional() @IsString() @MaxLength(20_000) mapping?: string;
  @ApiPropertyOptional({ description: '"true" to save the mapping on the feed' }) @IsOptional() @IsIn(['true', 'false']) saveMapping?: string;
}

export class ResubmitRowDto {
  @ApiProperty() @IsString() @Matches(/^\d+$/) errorId!: string;
  @ApiProperty() @IsObject() values!: Record<string, string>;
}

export class ResubmitRowsDto implements ResubmitRowsRequest {
  @ApiProperty({ type: [ResubmitRowDto] })
  @IsArray()
  @ArrayMaxSize(1000)
  @ValidateNested({ each: true })
  @Type(() => ResubmitRowDto)
  rows!: ResubmitRowDto[];
}

export class ListRunsQueryDto {
  @ApiPropertyOptional() @IsOptional() @IsUUID() providerId?: string;
  @ApiPropertyOptional() @IsOptional() @IsUUID() feedId?: string;
  @ApiPropertyOptional() @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(500) limit?: number;
}

export class ProviderQueryDto {
  @ApiPropertyOptional() @IsOptional() @IsUUID() providerId?: string;
}

export class CreateApiKeyDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(120) label?: string;
}
