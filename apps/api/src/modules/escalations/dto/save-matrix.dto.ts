import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsEmail,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import type { AlertKind, Severity } from '@kpi/domain';
import type { SaveEscalationMatrixRequest } from '@kpi/contracts';

const ISO_DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

export class MatrixContactDto {
  @ApiPropertyOptional({ nullable: true })
  @IsOptional()
  @IsUUID('all', { message: 'userId must be a user id' })
  userId?: string | null;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(160)
  name?: string;

  @ApiProperty()
  @IsEmail({}, { message: 'email must be an email address' })
  @Length(3, 254)
  email: string;
}

export class MatrixLevelDto {
  @ApiProperty({ example: 'Account manager' })
  @IsString()
  @Length(1, 160)
  name: string;

  @ApiProperty({ example: 240 })
  @IsInt()
  @Min(1)
  @Max(60 * 24 * 60)
  ackWithinMinutes: number;

  @ApiProperty({ example: 7200 })
  @IsInt()
  @Min(1)
  @Max(60 * 24 * 180)
  resolveWithinMinutes: number;

  @ApiProperty({ type: [MatrixContactDto] })
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => MatrixContactDto)
  contacts: MatrixContactDto[];
}

export class SaveMatrixDto implements SaveEscalationMatrixRequest {
  @ApiPropertyOptional({ description: 'per kind: the lowest severity that opens an escalation, or null for never' })
  @IsOptional()
  @IsObject()
  rules?: Partial<Record<AlertKind, Severity | null>>;

  @ApiProperty({ type: [MatrixLevelDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(9)
  @ValidateNested({ each: true })
  @Type(() => MatrixLevelDto)
  levels: MatrixLevelDto[];
}

export class ResponsivenessQueryDto {
  @ApiPropertyOptional({ example: '2026-08-01' })
  @IsOptional()
  @Matches(ISO_DATE, { message: 'from must be a date like 2026-08-01' })
  from?: string;

  @ApiPropertyOptional({ example: '2026-10-31' })
  @IsOptional()
  @Matches(ISO_DATE, { message: 'to must be a date like 2026-10-31' })
  to?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID('all')
  providerId?: string;
}
