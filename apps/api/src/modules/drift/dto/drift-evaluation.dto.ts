import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsUUID } from 'class-validator';
import { DriftEvaluationRequest } from '@kpi/contracts';

export class DriftEvaluationDto implements DriftEvaluationRequest {
  @ApiPropertyOptional({ description: 'one provider; omit for every provider' })
  @IsOptional()
  @IsUUID('all', { message: 'providerId must be a provider id' })
  providerId?: string;
}
