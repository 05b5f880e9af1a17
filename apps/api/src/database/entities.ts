import { RefreshSessionEntity } from '../modules/auth/entities/refresh-session.entity';
import { UserProviderAssignmentEntity } from '../modules/auth/entities/user-provider-assignment.entity';
import { UserEntity } from '../modules/auth/entities/user.entity';
import { KpiDefinitionEntity } from '../modules/metrics/entities/kpi-definition.entity';
import { MetricObservationEntity } from '../modules/metrics/entities/metric-observation.entity';
import { ProviderServiceLineEntity } from '../modules/providers/entities/provider-service-line.entity';
import { ProviderEntity } from '../modules/providers/entities/provider.entity';
import { ServiceLineEntity } from '../modules/providers/entities/service-line.entity';
import { SiteEntity } from '../modules/providers/entities/site.entity';

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
];
