import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsISO8601, IsOptional, IsString, IsUUID, Length, MaxLength } from 'class-validator';
import type { CreateMuteWindowRequest } from '@kpi/contracts';

export class CreateMuteWindowDto implements CreateMuteWindowRequest {
  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID('all', { message: 'providerId must be a provider id' })
  providerId?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID('all', { message: 'siteId must be a site id' })
  siteId?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(64)
  kpiCode?: string;

  @ApiProperty({ example: '2026-12-24T00:00:00-06:00' })
  @IsISO8601({ strict: true }, { message: 'startsAt must be a date-time like 2026-12-24T00:00:00-06:00' })
  startsAt: string;

  @ApiProperty({ example: '2026-12-26T00:00:00-06:00' })
  @IsISO8601({ strict: true }, { message: 'endsAt must be a date-time like 2026-12-26T00:00:00-06:00' })
  endsAt: string;

  @ApiProperty({ example: 'Planned outage of the Monterrey site' })
  @IsString()
  @Length(3, 500, { message: 'reason must be 3 to 500 characters' })
  reason: string;
}
