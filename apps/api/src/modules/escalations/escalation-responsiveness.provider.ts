import { Provider } from '@nestjs/common';
import { ProviderScope } from '../auth/provider-scope';
import { EscalationResponsivenessSource, SLA_ESCALATION_RESPONSIVENESS } from '../sla/escalation-responsiveness.port';
import { EscalationsService } from './escalations.service';

/**
 * The scorecard's escalation-responsiveness source (SLA module port), backed by
 * `EscalationsService.responsivenessFor`, restricted to exactly the providers the scorecard scores
 * (the caller already limited those to its scope).
 */
export const SCORECARD_ESCALATION_RESPONSIVENESS: Provider = {
  provide: SLA_ESCALATION_RESPONSIVENESS,
  inject: [EscalationsService],
  useFactory: (escalations: EscalationsService): EscalationResponsivenessSource => ({
    async countsFor(providerIds, from, to) {
      if (providerIds.length === 0) return new Map();
      const rows = await escalations.responsivenessFor(ProviderScope.of({ providerIds: [...providerIds] }), { from, to });
      return new Map(
        rows.map((row) => [
          row.providerId,
          { escalations: row.escalations, acknowledgedWithinTarget: row.acknowledgedWithinTarget },
        ]),
      );
    },
  }),
};
