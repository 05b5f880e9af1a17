import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { AttainmentResultDto, KpiDefinitionDto, ServiceLevelAttainmentDto } from '@kpi/contracts';
import { ProviderScope } from '../../auth/provider-scope';
import { MetricsService } from '../../metrics/metrics.service';
import { formatKpiValue } from '../../notifications/templates/format';
import { SlaPerformanceService } from '../../sla/sla-performance.service';
import { EscalationTriggerInput, EscalationTriggerService } from '../escalation-trigger.service';

/** Months of attainment looked at (the current one and the one before it). */
const MONTHS_BACK = 1;

export function slaBreachSourceRef(serviceLevelId: string, periodFrom: string): string {
  return `sla-breach:${serviceLevelId}:${periodFrom}`;
}

/**
 * SLA breaches -> escalation seam. The SLA module computes attainment per service level and period but has
 * no event hook, so this watcher asks its public service (SlaPerformanceService.attainment) on the periodic
 * reconciliation and raises every final period whose value is below the contract minimum, once per service
 * level and period (the source ref makes it idempotent). Critical service levels are critical; key
 * measurements high.
 */
@Injectable()
export class SlaBreachWatcher {
  private readonly logger = new Logger('SlaBreaches');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly sla: SlaPerformanceService,
    private readonly metrics: MetricsService,
    private readonly trigger: EscalationTriggerService,
  ) {}

  async reconcile(now = new Date()): Promise<number> {
    const providers: { id: string; name: string }[] = await this.dataSource.query(`SELECT id, name FROM providers ORDER BY name`);
    const kpis = new Map((await this.metrics.listKpis()).map((k) => [k.code, k]));
    const to = now.toISOString().slice(0, 7);
    const fromDate = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - MONTHS_BACK, 1));
    const from = fromDate.toISOString().slice(0, 7);
    let raised = 0;
    for (const provider of providers) {
      let attainment;
      try {
        attainment = await this.sla.attainment(ProviderScope.all(), provider.id, { from, to });
      } catch (error) {
        this.logger.warn(`No SLA attainment for ${provider.name}: ${(error as Error).message}`);
        continue;
      }
      for (const contract of attainment.contracts) {
        for (const level of contract.serviceLevels) {
          for (const result of level.results) {
            if (!result.final || result.status !== 'breached') continue;
            const input = slaBreachToTrigger(provider.id, contract.contractName, level, result, kpis.get(level.kpiCode) ?? null);
            const outcome = await this.trigger.raise(input);
            if (outcome.change !== 'unchanged') raised++;
          }
        }
      }
    }
    if (raised > 0) this.logger.log(`Raised ${raised} SLA breach(es)`);
    return raised;
  }
}

export function slaBreachToTrigger(
  providerId: string,
  contractName: string,
  level: Pick<ServiceLevelAttainmentDto, 'serviceLevelId' | 'name' | 'kpiCode' | 'kind' | 'scopeLabel'>,
  result: Pick<AttainmentResultDto, 'period' | 'periodLabel' | 'value' | 'minimum' | 'target'>,
  kpi: Pick<KpiDefinitionDto, 'unit' | 'displayPrecision' | 'name'> | null,
): EscalationTriggerInput {
  const unit = kpi?.unit ?? null;
  const precision = kpi?.displayPrecision ?? 1;
  const show = (v: unknown) =>
    typeof v === 'number'
      ? formatKpiValue(v, unit, precision)
      : v && typeof v === 'object' && 'low' in v && 'high' in v
        ? `${formatKpiValue(Number((v as { low: number }).low), unit, precision)}–${formatKpiValue(Number((v as { high: number }).high), unit, precision)}`
        : '–';
  const minimum = typeof result.minimum === 'number' ? result.minimum : null;
  const magnitude = minimum && result.value !== null ? (result.value - minimum) / Math.abs(minimum) : null;
  return {
    kind: 'sla_breach',
    providerId,
    scope: { kpiCode: level.kpiCode, label: level.scopeLabel },
    severity: level.kind === 'critical' ? 'critical' : 'high',
    sourceRef: slaBreachSourceRef(level.serviceLevelId, result.period.from),
    title: `${level.name} breached in ${result.periodLabel}`,
    detail: {
      since: result.period.from,
      magnitude,
      baselineValue: minimum,
      currentValue: result.value,
      explanation:
        `${kpi?.name ?? level.kpiCode} was ${show(result.value)} in ${result.periodLabel}, below the minimum of ` +
        `${show(result.minimum)} (target ${show(result.target)}) of "${contractName}".`,
      data: { serviceLevelId: level.serviceLevelId, period: result.period, serviceLevelKind: level.kind },
    },
  };
}
