import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsInt,
  IsNumber,
  IsOptional,
  IsString,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import type { CustomKpiRequest, UpdateCustomKpiRequest } from '@kpi/contracts';
import { CUSTOM_KPI_KINDS, CustomKpiKind, KPI_UNITS, KpiUnit, SERVICE_LINES, ServiceLineCode } from '@kpi/domain';

const LINE_CODES = SERVICE_LINES.map((line) => line.code);

export class KpiBandDto {
  @ApiProperty({ example: 0.85 })
  @IsNumber({ allowNaN: false, allowInfinity: false }, { message: 'band.low must be a number' })
  low!: number;

  @ApiProperty({ example: 0.9 })
  @IsNumber({ allowNaN: false, allowInfinity: false }, { message: 'band.high must be a number' })
  high!: number;
}

/** Shape checks only; the KPI rules (labels per kind, band, direction, code) are kpi-domain's validateCustomKpi. */
export class UpdateCustomKpiDto implements UpdateCustomKpiRequest {
  @ApiProperty({ example: 'Claims first-time right' })
  @IsString({ message: 'name must be text' })
  @MaxLength(160)
  name!: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  description?: string;

  @ApiProperty({ enum: KPI_UNITS })
  @IsIn(KPI_UNITS, { message: `unit must be one of ${KPI_UNITS.join(', ')}` })
  unit!: KpiUnit;

  @ApiPropertyOptional({ enum: ['higher_is_better', 'lower_is_better'] })
  @IsOptional()
  @IsIn(['higher_is_better', 'lower_is_better'], { message: 'direction must be higher_is_better or lower_is_better' })
  direction?: 'higher_is_better' | 'lower_is_better';

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(200)
  numeratorLabel?: string;

  @ApiPropertyOptional({ nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  denominatorLabel?: string | null;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(90)
  valueLabel?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(90)
  weightLabel?: string;

  @ApiPropertyOptional({ type: KpiBandDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => KpiBandDto)
  band?: KpiBandDto;

  @ApiPropertyOptional({ minimum: 0, maximum: 6 })
  @IsOptional()
  @IsInt({ message: 'displayPrecision must be a whole number' })
  displayPrecision?: number;

  @ApiProperty({ enum: LINE_CODES, isArray: true })
  @IsArray({ message: 'serviceLines must be a list' })
  @ArrayMaxSize(LINE_CODES.length)
  @IsIn(LINE_CODES, { each: true, message: `serviceLines must be among ${LINE_CODES.join(', ')}` })
  serviceLines!: ServiceLineCode[];
}

export class CreateCustomKpiDto extends UpdateCustomKpiDto implements CustomKpiRequest {
  @ApiProperty({ example: 'claims_first_time_right', description: 'lower snake case, 2..64 characters' })
  @IsString({ message: 'code must be text' })
  @MaxLength(64)
  code!: string;

  @ApiProperty({ enum: CUSTOM_KPI_KINDS })
  @IsIn(CUSTOM_KPI_KINDS, { message: `kind must be one of ${CUSTOM_KPI_KINDS.join(', ')}` })
  kind!: CustomKpiKind;
}
