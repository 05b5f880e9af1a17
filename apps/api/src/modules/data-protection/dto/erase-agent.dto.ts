import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';
import type { EraseAgentRequest } from '@kpi/contracts';

export class EraseAgentDto implements EraseAgentRequest {
  @ApiProperty({ description: 'The agent id as the provider writes it in its QA data; it is pseudonymised, never stored.' })
  @Transform(({ value }) => (typeof value === 'string' ? value.trim() : value))
  @IsString({ message: 'agentId must be the agent id as text' })
  @IsNotEmpty({ message: 'agentId must not be empty' })
  @MaxLength(200, { message: 'agentId must be at most 200 characters' })
  agentId!: string;
}
