import { ApiProperty } from '@nestjs/swagger';
import { IsInt, IsString, Max, MaxLength, Min, ValidateIf } from 'class-validator';
import type { SaveNotificationSettingsRequest } from '@kpi/contracts';

export class SaveSettingsDto implements SaveNotificationSettingsRequest {
  @ApiProperty({ example: 'America/Mexico_City' })
  @IsString()
  @MaxLength(64)
  timeZone: string;

  @ApiProperty({ nullable: true, minimum: 0, maximum: 23 })
  @ValidateIf((_, value) => value !== null)
  @IsInt()
  @Min(0)
  @Max(23)
  quietHoursStart: number | null;

  @ApiProperty({ nullable: true, minimum: 0, maximum: 23 })
  @ValidateIf((_, value) => value !== null)
  @IsInt()
  @Min(0)
  @Max(23)
  quietHoursEnd: number | null;
}
