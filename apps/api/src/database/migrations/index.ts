import { CreateCoreSchema1763700000000 } from './1763700000000-create-core-schema';
import { CreateMetricRollups1763710000000 } from './1763710000000-create-metric-rollups';
import { CreateSlaContracts1763710100000 } from './1763710100000-create-sla-contracts';
import { CreateMetricWindowSnapshots1763710200000 } from './1763710200000-create-metric-window-snapshots';
import { CreateDrift1763720000000 } from './1763720000000-create-drift';
import { CreateIngestion1763730000000 } from './1763730000000-create-ingestion';
import { AddIngestionRunTicks1763730100000 } from './1763730100000-add-ingestion-run-ticks';
import { CreateEscalations1763740000000 } from './1763740000000-create-escalations';
import { CreateNotifications1763740100000 } from './1763740100000-create-notifications';
import { CreateQuarterlyReviews1763750000000 } from './1763750000000-create-quarterly-reviews';
import { AllowReportOutboxKind1763750100000 } from './1763750100000-allow-report-outbox-kind';
import { CreateEmailOutboxFileAttachments1763750200000 } from './1763750200000-create-email-outbox-file-attachments';
import { CreateAuditLog1763760000000 } from './1763760000000-create-audit-log';
import { CreateSignInThrottles1763771000000 } from './1763771000000-create-sign-in-throttles';
import { AddDataProtectionIndexes1763772000000 } from './1763772000000-add-data-protection-indexes';
import { AddUserSsoIdentity1763773000000 } from './1763773000000-add-user-sso-identity';

/** Every migration, in order. Listed explicitly so the bundled api needs no file globbing. */
export const MIGRATIONS = [
  CreateCoreSchema1763700000000,
  CreateMetricRollups1763710000000,
  CreateSlaContracts1763710100000,
  CreateMetricWindowSnapshots1763710200000,
  CreateDrift1763720000000,
  CreateIngestion1763730000000,
  AddIngestionRunTicks1763730100000,
  CreateEscalations1763740000000,
  CreateNotifications1763740100000,
  CreateQuarterlyReviews1763750000000,
  AllowReportOutboxKind1763750100000,
  CreateEmailOutboxFileAttachments1763750200000,
  CreateAuditLog1763760000000,
  CreateSignInThrottles1763771000000,
  AddDataProtectionIndexes1763772000000,
  AddUserSsoIdentity1763773000000,
];
