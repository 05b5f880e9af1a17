import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { ALERT_KINDS, AlertKind, SEVERITIES, Severity } from '@kpi/domain';
import type { DigestFrequencyOption, SaveAlertSubscriptionRequest } from '@kpi/contracts';

export class SaveSubscriptionDto implements SaveAlertSubscriptionRequest {
  @ApiProperty({ example: 'My providers' })
  @IsString()
  @Length(1, 120, { message: 'name must be 1 to 120 characters' })
  name: string;

  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @IsUUID('all', { each: true, message: 'providerIds must be provider ids' })
  providerIds?: string[];

  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(200)
  @IsUUID('all', { each: true, message: 'siteIds must be site ids' })
  siteIds?: string[];

  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @IsString({ each: true })
  @MaxLength(64, { each: true })
  kpiCodes?: string[];

  @ApiPropertyOptional({ enum: ALERT_KINDS, isArray: true })
  @IsOptional()
  @IsArray()
  @IsIn(ALERT_KINDS, { each: true, message: `kinds must be among ${ALERT_KINDS.join(', ')}` })
  kinds?: AlertKind[];

  @ApiPropertyOptional({ enum: SEVERITIES })
  @IsOptional()
  @IsIn(SEVERITIES, { message: `minSeverity must be one of ${SEVERITIES.join(', ')}` })
  minSeverity?: Severity;

  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean()
  immediate?: boolean;

  @ApiPropertyOptional({ enum: SEVERITIES })
  @IsOptional()
  @IsIn(SEVERITIES, { message: `immediateMinSeverity must be one of ${SEVERITIES.join(', ')}` })
  immediateMinSeverity?: Severity;

  @ApiPropertyOptional({ enum: ['none', 'daily', 'weekly'] })
  @IsOptional()
  @IsIn(['none', 'daily', 'weekly'], { message: 'digest must be none, daily or weekly' })
  digest?: DigestFrequencyOption;

  @ApiPropertyOptional({ minimum: 0, maximum: 23 })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(23)
  digestHour?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: 7, description: '1 = Monday' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(7)
  digestWeekday?: number;

  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean()
  enabled?: boolean;
}
