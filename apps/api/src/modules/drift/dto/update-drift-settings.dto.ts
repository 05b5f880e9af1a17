import { ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  Max,
  Min,
} from 'class-validator';
import { UpdateDriftSettingsRequest } from '@kpi/contracts';
import { DRIFT_SENSITIVITIES, DriftSensitivity, MonitorDetectorName } from '@kpi/drift';

export const MONITOR_DETECTORS: readonly MonitorDetectorName[] = [
  'cusum',
  'ewma',
  'control_chart',
  'mann_kendall',
  'variance',
];

/** Omitted fields keep their value; null resets a field to the default. */
export class UpdateDriftSettingsDto implements UpdateDriftSettingsRequest {
  @ApiPropertyOptional({ nullable: true })
  @IsOptional()
  @IsBoolean({ message: 'enabled must be true or false' })
  enabled?: boolean | null;

  @ApiPropertyOptional({ enum: MONITOR_DETECTORS, isArray: true, nullable: true })
  @IsOptional()
  @IsArray({ message: 'detectors must be a list' })
  @ArrayMinSize(1, { message: 'detectors needs at least one detector' })
  @ArrayMaxSize(MONITOR_DETECTORS.length)
  @IsIn(MONITOR_DETECTORS, { each: true, message: `detectors must be among ${MONITOR_DETECTORS.join(', ')}` })
  detectors?: MonitorDetectorName[] | null;

  @ApiPropertyOptional({ enum: DRIFT_SENSITIVITIES, nullable: true })
  @IsOptional()
  @IsIn(DRIFT_SENSITIVITIES, { message: `sensitivity must be one of ${DRIFT_SENSITIVITIES.join(', ')}` })
  sensitivity?: DriftSensitivity | null;

  @ApiPropertyOptional({
    minimum: 14,
    maximum: 730,
    nullable: true,
    description: 'baseline length in points',
  })
  @IsOptional()
  @IsInt({ message: 'baselineLength must be a whole number of points' })
  @Min(14, { message: 'baselineLength must be at least 14 points' })
  @Max(730, { message: 'baselineLength must be at most 730 points' })
  baselineLength?: number | null;

  @ApiPropertyOptional({ minimum: 5, maximum: 1000, nullable: true })
  @IsOptional()
  @IsInt({ message: 'minSamples must be a whole number' })
  @Min(5, { message: 'minSamples must be at least 5' })
  @Max(1000, { message: 'minSamples must be at most 1000' })
  minSamples?: number | null;
}
