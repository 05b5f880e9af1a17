import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsUUID, Max, Min } from 'class-validator';
import { ALERT_KINDS, AlertKind, ESCALATION_STATUSES, SEVERITIES, Severity } from '@kpi/domain';
import type { EscalationQuery, EscalationStatusFilter } from '@kpi/contracts';

const STATUS_FILTERS = ['active', 'all', ...ESCALATION_STATUSES];
const toBoolean = ({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value);

export class EscalationQueryDto implements EscalationQuery {
  @ApiPropertyOptional({ enum: STATUS_FILTERS, default: 'active' })
  @IsOptional()
  @IsIn(STATUS_FILTERS, { message: `status must be one of ${STATUS_FILTERS.join(', ')}` })
  status?: EscalationStatusFilter;

  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID('all', { message: 'providerId must be a provider id' })
  providerId?: string;

  @ApiPropertyOptional({ enum: ALERT_KINDS })
  @IsOptional()
  @IsIn(ALERT_KINDS, { message: `kind must be one of ${ALERT_KINDS.join(', ')}` })
  kind?: AlertKind;

  @ApiPropertyOptional({ enum: SEVERITIES, description: 'at least this severity' })
  @IsOptional()
  @IsIn(SEVERITIES, { message: `severity must be one of ${SEVERITIES.join(', ')}` })
  severity?: Severity;

  @ApiPropertyOptional()
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean({ message: 'overdue must be true or false' })
  overdue?: boolean;

  @ApiPropertyOptional()
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean({ message: 'mine must be true or false' })
  mine?: boolean;

  @ApiPropertyOptional({ minimum: 1, maximum: 200 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  limit?: number;

  @ApiPropertyOptional({ minimum: 0 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  offset?: number;
}
