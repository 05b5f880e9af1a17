import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUUID, Length, Matches, MaxLength, ValidateIf } from 'class-validator';
import { ROOT_CAUSE_CATEGORIES, RootCauseCategory } from '@kpi/domain';
import type {
  AcknowledgeEscalationRequest,
  ActionPlanRequest,
  AgreeActionPlanRequest,
  AssignEscalationRequest,
  CommentRequest,
  NoteRequest,
  ReopenEscalationRequest,
  ResolveEscalationRequest,
} from '@kpi/contracts';

const ISO_DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
const LONG_TEXT = 5000;

export class AcknowledgeDto implements AcknowledgeEscalationRequest {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(LONG_TEXT)
  note?: string;
}

export class ActionPlanDto implements ActionPlanRequest {
  @ApiProperty({ example: 'Add 6 agents to the Monday morning shift; coach on hold time' })
  @IsString()
  @Length(1, LONG_TEXT, { message: 'plan must be 1 to 5000 characters' })
  plan: string;

  @ApiPropertyOptional({ example: '2026-11-30' })
  @IsOptional()
  @Matches(ISO_DATE, { message: 'dueDate must be a date like 2026-11-30' })
  dueDate?: string;
}

export class AgreeActionPlanDto implements AgreeActionPlanRequest {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(LONG_TEXT)
  plan?: string;

  @ApiPropertyOptional({ example: '2026-11-30' })
  @IsOptional()
  @Matches(ISO_DATE, { message: 'dueDate must be a date like 2026-11-30' })
  dueDate?: string;
}

export class ResolveDto implements ResolveEscalationRequest {
  @ApiProperty({ enum: ROOT_CAUSE_CATEGORIES })
  @IsIn(ROOT_CAUSE_CATEGORIES, { message: `rootCauseCategory must be one of ${ROOT_CAUSE_CATEGORIES.join(', ')}` })
  rootCauseCategory: RootCauseCategory;

  @ApiProperty()
  @IsString()
  @Length(1, LONG_TEXT, { message: 'correctiveAction must be 1 to 5000 characters' })
  correctiveAction: string;
}

export class NoteDto implements NoteRequest {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(LONG_TEXT)
  note?: string;
}

export class ReopenDto implements ReopenEscalationRequest {
  @ApiProperty()
  @IsString()
  @Length(1, LONG_TEXT, { message: 'reason must be 1 to 5000 characters' })
  reason: string;
}

export class CommentDto implements CommentRequest {
  @ApiProperty()
  @IsString()
  @Length(1, LONG_TEXT, { message: 'text must be 1 to 5000 characters' })
  text: string;
}

export class AssignDto implements AssignEscalationRequest {
  @ApiProperty({ nullable: true })
  @ValidateIf((_, value) => value !== null)
  @IsUUID('all', { message: 'ownerUserId must be a user id' })
  ownerUserId: string | null;
}
