import { AuditLogEntity } from '../modules/audit/entities/audit-log.entity';
import { AlertEventEntity } from '../modules/alerts/entities/alert-event.entity';
import { EscalationLevelEntity } from '../modules/escalations/entities/escalation-level.entity';
import { EscalationTimelineEntity } from '../modules/escalations/entities/escalation-timeline.entity';
import { EscalationEntity } from '../modules/escalations/entities/escalation.entity';
import { AlertSubscriptionEntity } from '../modules/notifications/entities/alert-subscription.entity';
import { EmailOutboxEntity } from '../modules/notifications/entities/email-outbox.entity';
import { RefreshSessionEntity } from '../modules/auth/entities/refresh-session.entity';
import { UserProviderAssignmentEntity } from '../modules/auth/entities/user-provider-assignment.entity';
import { UserEntity } from '../modules/auth/entities/user.entity';
import { DriftEventHistoryEntity } from '../modules/drift/entities/drift-event-history.entity';
import { DriftEventEntity } from '../modules/drift/entities/drift-event.entity';
import { DriftQaGroupEntity } from '../modules/drift/entities/drift-qa-group.entity';
import { DriftSeriesEntity } from '../modules/drift/entities/drift-series.entity';
import { DriftSettingEntity } from '../modules/drift/entities/drift-setting.entity';
import { KpiDefinitionEntity } from '../modules/metrics/entities/kpi-definition.entity';
import { MetricObservationEntity } from '../modules/metrics/entities/metric-observation.entity';
import { ProviderServiceLineEntity } from '../modules/providers/entities/provider-service-line.entity';
import { ProviderEntity } from '../modules/providers/entities/provider.entity';
import { ServiceLineEntity } from '../modules/providers/entities/service-line.entity';
import { SiteEntity } from '../modules/providers/entities/site.entity';
import { ScorecardWeightsEntity } from '../modules/sla/entities/scorecard-weights.entity';
import { SlaContractVersionEntity } from '../modules/sla/entities/sla-contract-version.entity';
import { SlaContractEntity } from '../modules/sla/entities/sla-contract.entity';
import { SlaExclusionEntity } from '../modules/sla/entities/sla-exclusion.entity';
import { SlaServiceLevelEntity } from '../modules/sla/entities/sla-service-level.entity';

export const ENTITIES = [
  ProviderEntity,
  SiteEntity,
  ServiceLineEntity,
  ProviderServiceLineEntity,
  KpiDefinitionEntity,
  MetricObservationEntity,
  UserEntity,
  UserProviderAssignmentEntity,
  RefreshSessionEntity,
  SlaContractEntity,
  SlaContractVersionEntity,
  SlaServiceLevelEntity,
  SlaExclusionEntity,
  ScorecardWeightsEntity,
  DriftSettingEntity,
  DriftSeriesEntity,
  DriftQaGroupEntity,
  DriftEventEntity,
  DriftEventHistoryEntity,
  AlertEventEntity,
  EscalationEntity,
  EscalationTimelineEntity,
  EscalationLevelEntity,
  AlertSubscriptionEntity,
  EmailOutboxEntity,
  AuditLogEntity,
];
