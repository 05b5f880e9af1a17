import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUUID, Length, MaxLength } from 'class-validator';
import { SEVERITIES, Severity, SERVICE_LINES } from '@kpi/domain';
import type { CreateEscalationRequest } from '@kpi/contracts';

export class CreateEscalationDto implements CreateEscalationRequest {
  @ApiProperty()
  @IsUUID('all', { message: 'providerId must be a provider id' })
  providerId: string;

  @ApiProperty({ example: 'Repeated outages of the IVR in Monterrey' })
  @IsString()
  @Length(3, 300, { message: 'title must be 3 to 300 characters' })
  title: string;

  @ApiProperty({ enum: SEVERITIES })
  @IsIn(SEVERITIES, { message: `severity must be one of ${SEVERITIES.join(', ')}` })
  severity: Severity;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(5000)
  summary?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID('all', { message: 'siteId must be a site id' })
  siteId?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(64)
  kpiCode?: string;

  @ApiPropertyOptional({ enum: SERVICE_LINES.map((l) => l.code) })
  @IsOptional()
  @IsIn(SERVICE_LINES.map((l) => l.code), { message: 'serviceLine is not a known service line' })
  serviceLine?: string;
}
