import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import type { OutboxQuery, OutboxStatus } from '@kpi/contracts';

export class OutboxQueryDto implements OutboxQuery {
  @ApiPropertyOptional({ enum: ['queued', 'sent', 'failed', 'skipped'] })
  @IsOptional()
  @IsIn(['queued', 'sent', 'failed', 'skipped'], { message: 'status must be queued, sent, failed or skipped' })
  status?: OutboxStatus;

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
