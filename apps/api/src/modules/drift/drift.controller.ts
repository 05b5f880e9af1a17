import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type {
  DriftEvaluationAcceptedDto,
  DriftEventDetailDto,
  DriftEventListDto,
  DriftOverlayDto,
} from '@kpi/contracts';
import { parseId } from '../../common/parse-id.pipe';
import { Scope } from '../auth/auth.decorators';
import { ProviderScope } from '../auth/provider-scope';
import { DriftService } from './drift.service';
import { DriftEvaluationDto } from './dto/drift-evaluation.dto';
import { DriftEventQueryDto } from './dto/drift-event-query.dto';
import { DriftOverlayQueryDto } from './dto/drift-overlay-query.dto';

@ApiTags('drift')
@ApiBearerAuth()
@Controller()
export class DriftController {
  constructor(private readonly drift: DriftService) {}

  @Get('drift/events')
  list(@Scope() scope: ProviderScope, @Query() query: DriftEventQueryDto): Promise<DriftEventListDto> {
    return this.drift.listEvents(scope, query);
  }

  @Get('drift/events/:id')
  get(
    @Scope() scope: ProviderScope,
    @Param('id', parseId('Drift event')) id: string,
  ): Promise<DriftEventDetailDto> {
    return this.drift.getEvent(scope, id);
  }

  @Get('providers/:providerId/kpis/:kpiCode/drift-overlay')
  overlay(
    @Scope() scope: ProviderScope,
    @Param('providerId', parseId('Provider')) providerId: string,
    @Param('kpiCode') kpiCode: string,
    @Query() query: DriftOverlayQueryDto,
  ): Promise<DriftOverlayDto> {
    return this.drift.overlay(scope, providerId, kpiCode, query);
  }

  /** Queues an evaluation now (one provider, or all); the answer is the job id. */
  @Post('drift/evaluations')
  @HttpCode(202)
  evaluate(
    @Scope() scope: ProviderScope,
    @Body() body: DriftEvaluationDto,
  ): Promise<DriftEvaluationAcceptedDto> {
    return this.drift.requestEvaluation(scope, body.providerId);
  }
}
