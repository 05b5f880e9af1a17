import { Body, Controller, Get, Param, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type {
  EscalationDetailDto,
  EscalationListDto,
  EscalationMatrixDto,
  EscalationResponsivenessDto,
} from '@kpi/contracts';
import { parseId } from '../../common/parse-id.pipe';
import { CurrentUserParam, Scope } from '../auth/auth.decorators';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { ProviderScope } from '../auth/provider-scope';
import { CreateEscalationDto } from './dto/create-escalation.dto';
import {
  AcknowledgeDto,
  ActionPlanDto,
  AgreeActionPlanDto,
  AssignDto,
  CommentDto,
  NoteDto,
  ReopenDto,
  ResolveDto,
} from './dto/escalation-actions.dto';
import { EscalationQueryDto } from './dto/escalation-query.dto';
import { ResponsivenessQueryDto, SaveMatrixDto } from './dto/save-matrix.dto';
import { EscalationMatrixService } from './escalation-matrix.service';
import { EscalationsService } from './escalations.service';

const ID = parseId('Escalation');

@ApiTags('escalations')
@ApiBearerAuth()
@Controller('escalations')
export class EscalationsController {
  constructor(
    private readonly escalations: EscalationsService,
    private readonly matrix: EscalationMatrixService,
  ) {}

  /** The queue: overdue first, then by severity and deadline. */
  @Get()
  list(@CurrentUserParam() user: AuthenticatedUser, @Query() query: EscalationQueryDto): Promise<EscalationListDto> {
    return this.escalations.list(user, query);
  }

  @Post()
  create(@CurrentUserParam() user: AuthenticatedUser, @Body() body: CreateEscalationDto): Promise<EscalationDetailDto> {
    return this.escalations.create(user, body);
  }

  /** Time to acknowledge and to resolve per provider (scorecard, quarterly review). */
  @Get('responsiveness')
  responsiveness(@CurrentUserParam() user: AuthenticatedUser, @Query() query: ResponsivenessQueryDto): Promise<EscalationResponsivenessDto[]> {
    return this.escalations.responsiveness(user, query);
  }

  @Get('matrix')
  listMatrices(@Scope() scope: ProviderScope): Promise<EscalationMatrixDto[]> {
    return this.matrix.list(scope);
  }

  @Get('matrix/:providerId')
  getMatrix(@Scope() scope: ProviderScope, @Param('providerId', parseId('Provider')) providerId: string): Promise<EscalationMatrixDto> {
    return this.matrix.get(scope, providerId);
  }

  @Put('matrix/:providerId')
  saveMatrix(
    @CurrentUserParam() user: AuthenticatedUser,
    @Param('providerId', parseId('Provider')) providerId: string,
    @Body() body: SaveMatrixDto,
  ): Promise<EscalationMatrixDto> {
    return this.matrix.save(user, providerId, body);
  }

  @Get(':id')
  get(@CurrentUserParam() user: AuthenticatedUser, @Param('id', ID) id: string): Promise<EscalationDetailDto> {
    return this.escalations.get(user, id);
  }

  @Post(':id/acknowledge')
  acknowledge(@CurrentUserParam() user: AuthenticatedUser, @Param('id', ID) id: string, @Body() body: AcknowledgeDto): Promise<EscalationDetailDto> {
    return this.escalations.act(user, id, { type: 'acknowledge', note: body.note ?? null });
  }

  /** Propose (or revise) the action plan; provider staff may do this for their own provider. */
  @Post(':id/action-plan')
  proposeActionPlan(@CurrentUserParam() user: AuthenticatedUser, @Param('id', ID) id: string, @Body() body: ActionPlanDto): Promise<EscalationDetailDto> {
    return this.escalations.act(user, id, { type: 'propose_action_plan', plan: body.plan, dueDate: body.dueDate ?? null });
  }

  @Post(':id/action-plan/agree')
  agreeActionPlan(@CurrentUserParam() user: AuthenticatedUser, @Param('id', ID) id: string, @Body() body: AgreeActionPlanDto): Promise<EscalationDetailDto> {
    return this.escalations.act(user, id, { type: 'agree_action_plan', plan: body.plan ?? null, dueDate: body.dueDate ?? null });
  }

  @Post(':id/resolve')
  resolve(@CurrentUserParam() user: AuthenticatedUser, @Param('id', ID) id: string, @Body() body: ResolveDto): Promise<EscalationDetailDto> {
    return this.escalations.act(user, id, { type: 'resolve', rootCauseCategory: body.rootCauseCategory, correctiveAction: body.correctiveAction });
  }

  @Post(':id/close')
  close(@CurrentUserParam() user: AuthenticatedUser, @Param('id', ID) id: string, @Body() body: NoteDto): Promise<EscalationDetailDto> {
    return this.escalations.act(user, id, { type: 'close', note: body.note ?? null });
  }

  @Post(':id/reopen')
  reopen(@CurrentUserParam() user: AuthenticatedUser, @Param('id', ID) id: string, @Body() body: ReopenDto): Promise<EscalationDetailDto> {
    return this.escalations.act(user, id, { type: 'reopen', reason: body.reason });
  }

  @Post(':id/comments')
  comment(@CurrentUserParam() user: AuthenticatedUser, @Param('id', ID) id: string, @Body() body: CommentDto): Promise<EscalationDetailDto> {
    return this.escalations.act(user, id, { type: 'comment', text: body.text });
  }

  @Post(':id/escalate')
  escalate(@CurrentUserParam() user: AuthenticatedUser, @Param('id', ID) id: string, @Body() body: NoteDto): Promise<EscalationDetailDto> {
    return this.escalations.act(user, id, { type: 'escalate', reason: body.note ?? null });
  }

  @Post(':id/assign')
  assign(@CurrentUserParam() user: AuthenticatedUser, @Param('id', ID) id: string, @Body() body: AssignDto): Promise<EscalationDetailDto> {
    return this.escalations.act(user, id, { type: 'assign', ownerUserId: body.ownerUserId });
  }
}
