import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { addDays } from '@kpi/domain';
import { DEMO_CONTRACTS, DEMO_EXCLUSIONS, DemoContract, demoContractStart, demoRenegotiationDate } from './demo-sla-data';

/**
 * Seeds the demo SLA contracts (see demo-sla-data.ts) once: when the demo providers exist and no contract
 * does. Rewrites the demo history of the outage day so the approved exclusion has something to carve out.
 * Returns false (changing nothing) otherwise. Callers refresh the KPI rollups afterwards.
 */
export async function seedDemoSlaContracts(dataSource: DataSource, lastDay: string): Promise<boolean> {
  return dataSource.transaction(async (manager) => {
    await manager.query('SELECT pg_advisory_xact_lock(7243002)');
    const [{ count }] = await manager.query('SELECT count(*)::int AS count FROM sla_contracts');
    if (count > 0) return false;
    const providers = await lookup(manager, `SELECT code AS key, id FROM providers`);
    if (!DEMO_CONTRACTS.every((contract) => providers.has(contract.providerCode))) return false;
    const sites = await lookup(
      manager,
      `SELECT p.code || '/' || s.code AS key, s.id FROM sites s JOIN providers p ON p.id = s.provider_id`,
    );
    const users = await lookup(manager, `SELECT lower(email) AS key, id FROM users`);
    const names = await lookup(manager, `SELECT lower(email) AS key, display_name AS id FROM users`);
    const admin = users.get('admin@demo.kpigov.mx') ?? null;

    const contractIds = new Map<string, string>();
    for (const contract of DEMO_CONTRACTS) {
      contractIds.set(contract.providerCode, await insertContract(manager, contract, lastDay, providers, sites, admin));
    }

    for (const exclusion of DEMO_EXCLUSIONS) {
      const day = addDays(lastDay, -exclusion.daysBeforeLastDay);
      const siteId = sites.get(`${exclusion.providerCode}/${exclusion.siteCode}`) as string;
      const approver = exclusion.approvedBy ? exclusion.approvedBy.toLowerCase() : null;
      await manager.query(
        `INSERT INTO sla_exclusions (contract_id, from_date, to_date, reason, site_ids, requested_by, requested_at,
                                     approved_by, approved_by_name, approved_at)
         VALUES ($1, $2, $2, $3, $4::uuid[], $5, $6::date + time '18:30', $7, $8,
                 CASE WHEN $7::uuid IS NULL THEN NULL ELSE $6::date + interval '1 day 10 hours' END)`,
        [
          contractIds.get(exclusion.providerCode),
          day,
          exclusion.reason,
          [siteId],
          users.get(exclusion.requestedBy.toLowerCase()) ?? null,
          day,
          approver ? (users.get(approver) ?? null) : null,
          approver ? (names.get(approver) ?? approver) : null,
        ],
      );
      if (exclusion.outageServiceLevel !== undefined) {
        // The outage day itself: few calls answered in 20 s, many abandoned.
        await manager.query(
          `UPDATE metric_observations SET
             numerator = CASE kpi_code WHEN 'service_level' THEN round(denominator * $3)
                                       ELSE round(denominator * 0.22) END,
             updated_at = now()
           WHERE provider_id = $1 AND site_id = $2 AND service_line_code = 'voice' AND granularity = 'day'
             AND period_start = $4 AND kpi_code IN ('service_level', 'abandonment_rate')`,
          [providers.get(exclusion.providerCode), siteId, exclusion.outageServiceLevel, day],
        );
      }
    }
    return true;
  });
}

async function lookup(manager: EntityManager, sql: string): Promise<Map<string, string>> {
  const rows: { key: string; id: string }[] = await manager.query(sql);
  return new Map(rows.map((row) => [row.key, row.id]));
}

async function insertContract(
  manager: EntityManager,
  contract: DemoContract,
  lastDay: string,
  providers: Map<string, string>,
  sites: Map<string, string>,
  createdBy: string | null,
): Promise<string> {
  const providerId = providers.get(contract.providerCode) as string;
  const [{ id }] = await manager.query(
    `INSERT INTO sla_contracts (provider_id, name, reference, created_by) VALUES ($1, $2, $3, $4) RETURNING id`,
    [providerId, contract.name, contract.reference, createdBy],
  );
  const start = demoContractStart(lastDay);
  const renegotiation = contract.renegotiation
    ? demoRenegotiationDate(lastDay, contract.renegotiation.monthsBeforeLastDay)
    : null;
  const stableIds = new Map(contract.serviceLevels.map((level) => [level.key, randomUUID()]));
  const versions = [
    {
      version: 1,
      fee: contract.monthlyFee,
      from: start,
      to: renegotiation ? addDays(renegotiation, -1) : null,
      notes: 'Initial terms.',
      old: true,
    },
    ...(contract.renegotiation && renegotiation
      ? [{ version: 2, fee: contract.renegotiation.monthlyFee, from: renegotiation, to: null, notes: contract.renegotiation.notes, old: false }]
      : []),
  ];
  for (const version of versions) {
    const [{ id: versionId }] = await manager.query(
      `INSERT INTO sla_contract_versions (contract_id, version, currency, monthly_fee, at_risk_pct, effective_from,
                                          effective_to, notes, created_by)
       VALUES ($1, $2, 'MXN', $3, $4, $5, $6, $7, $8) RETURNING id`,
      [id, version.version, version.fee, contract.atRiskPct, version.from, version.to, version.notes, createdBy],
    );
    for (const [position, level] of contract.serviceLevels.entries()) {
      const terms = version.old && versions.length > 1 && level.v1 ? level.v1 : level;
      await manager.query(
        `INSERT INTO sla_service_levels (contract_version_id, service_level_id, name, kpi_code, site_id,
           service_line_code, target, minimum, measurement_period, kind, pool_allocation_pct, earn_back_periods,
           means_of_measurement, position)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)`,
        [
          versionId,
          stableIds.get(level.key),
          level.name,
          level.kpiCode,
          level.siteCode ? sites.get(`${contract.providerCode}/${level.siteCode}`) : null,
          level.serviceLine ?? null,
          terms.target,
          terms.minimum,
          level.measurementPeriod,
          level.kind,
          level.poolAllocationPct,
          level.earnBackPeriods,
          level.meansOfMeasurement,
          position,
        ],
      );
    }
  }
  return id;
}
