import type { AuditSpec } from './audit.decorator';

/**
 * How to snapshot each audited resource for before/after: one SQL returning `doc` for `$1` = the resource id.
 * Snapshots pass through sanitizeSnapshot, which redacts secret-looking fields as well.
 */
export const AUDIT_SNAPSHOTS: Record<string, { sql: string; uuid: boolean }> = {
  kpi: { sql: `SELECT to_jsonb(t) AS doc FROM kpi_definitions t WHERE t.code = $1`, uuid: false },
  sla_contract: {
    uuid: true,
    sql: `SELECT to_jsonb(c) || jsonb_build_object(
            'versions', (SELECT coalesce(jsonb_agg(to_jsonb(v) || jsonb_build_object('serviceLevels',
                           (SELECT coalesce(jsonb_agg(to_jsonb(s) ORDER BY s.id), '[]'::jsonb) FROM sla_service_levels s WHERE s.contract_version_id = v.id))
                         ORDER BY v.id), '[]'::jsonb) FROM sla_contract_versions v WHERE v.contract_id = c.id),
            'exclusions', (SELECT coalesce(jsonb_agg(to_jsonb(e) ORDER BY e.id), '[]'::jsonb) FROM sla_exclusions e WHERE e.contract_id = c.id)) AS doc
          FROM sla_contracts c WHERE c.id = $1::uuid`,
  },
  feed: { sql: `SELECT to_jsonb(f) - 'credentials_encrypted' AS doc FROM feeds f WHERE f.id = $1::uuid`, uuid: true },
  api_key: { sql: `SELECT to_jsonb(k) - 'key_hash' AS doc FROM provider_api_keys k WHERE k.id = $1::uuid`, uuid: true },
  escalation: { sql: `SELECT to_jsonb(e) AS doc FROM escalations e WHERE e.id = $1::uuid`, uuid: true },
  escalation_matrix: {
    uuid: true,
    sql: `SELECT jsonb_build_object('providerId', $1::uuid, 'levels',
            (SELECT coalesce(jsonb_agg(to_jsonb(l) ORDER BY l.level), '[]'::jsonb) FROM escalation_levels l WHERE l.provider_id = $1::uuid)) AS doc`,
  },
  user: {
    uuid: true,
    sql: `SELECT to_jsonb(u) - 'password_hash' || jsonb_build_object('providerIds',
            (SELECT coalesce(jsonb_agg(a.provider_id ORDER BY a.provider_id), '[]'::jsonb) FROM user_provider_assignments a WHERE a.user_id = u.id)) AS doc
          FROM users u WHERE u.id = $1::uuid`,
  },
};

/**
 * Audited routes of modules whose controllers this module does not own (metrics, sla, escalations), keyed by
 * `METHOD /api/path` exactly as Express reports the route. Routes in other modules use the @Audit decorator.
 * audit.integration.spec checks every key here is a real route.
 */
export const AUDITED_ROUTES: Record<string, AuditSpec> = {
  // Views of provider data pages.
  'GET /api/providers/:providerId/kpis/:kpiCode/trend': { action: 'provider.kpi_trend.view', resource: 'provider', idParam: 'providerId' },
  'GET /api/providers/:providerId/sla/attainment': { action: 'provider.sla.view', resource: 'provider', idParam: 'providerId' },
  'GET /api/providers/:providerId/sla/burn-rate': { action: 'provider.sla.view', resource: 'provider', idParam: 'providerId' },
  'GET /api/providers/:providerId/sla/credits': { action: 'provider.sla.view', resource: 'provider', idParam: 'providerId' },
  'GET /api/providers/:providerId/scorecard': { action: 'provider.scorecard.view', resource: 'provider', idParam: 'providerId' },
  'GET /api/providers/:providerId/site-comparison': { action: 'provider.scorecard.view', resource: 'provider', idParam: 'providerId' },
  // KPI catalog changes.
  'POST /api/kpis': { action: 'kpi.create', resource: 'kpi', change: true },
  'PUT /api/kpis/:code': { action: 'kpi.update', resource: 'kpi', idParam: 'code', change: true },
  'DELETE /api/kpis/:code': { action: 'kpi.delete', resource: 'kpi', idParam: 'code', change: true },
  // SLA contract changes (the snapshot covers versions, service levels and exclusions).
  'POST /api/sla/contracts': { action: 'sla_contract.create', resource: 'sla_contract', change: true },
  'PATCH /api/sla/contracts/:contractId': { action: 'sla_contract.update', resource: 'sla_contract', idParam: 'contractId', change: true },
  'DELETE /api/sla/contracts/:contractId': { action: 'sla_contract.delete', resource: 'sla_contract', idParam: 'contractId', change: true },
  'POST /api/sla/contracts/:contractId/versions': { action: 'sla_contract.version.create', resource: 'sla_contract', idParam: 'contractId', change: true },
  'PATCH /api/sla/contracts/:contractId/versions/:versionId': { action: 'sla_contract.version.update', resource: 'sla_contract', idParam: 'contractId', change: true },
  'DELETE /api/sla/contracts/:contractId/versions/:versionId': { action: 'sla_contract.version.delete', resource: 'sla_contract', idParam: 'contractId', change: true },
  'POST /api/sla/contracts/:contractId/versions/:versionId/service-levels': { action: 'sla_contract.service_level.create', resource: 'sla_contract', idParam: 'contractId', change: true },
  'PUT /api/sla/contracts/:contractId/versions/:versionId/service-levels/:serviceLevelRowId': { action: 'sla_contract.service_level.update', resource: 'sla_contract', idParam: 'contractId', change: true },
  'DELETE /api/sla/contracts/:contractId/versions/:versionId/service-levels/:serviceLevelRowId': { action: 'sla_contract.service_level.delete', resource: 'sla_contract', idParam: 'contractId', change: true },
  'POST /api/sla/contracts/:contractId/exclusions': { action: 'sla_contract.exclusion.create', resource: 'sla_contract', idParam: 'contractId', change: true },
  'PATCH /api/sla/contracts/:contractId/exclusions/:exclusionId': { action: 'sla_contract.exclusion.update', resource: 'sla_contract', idParam: 'contractId', change: true },
  'DELETE /api/sla/contracts/:contractId/exclusions/:exclusionId': { action: 'sla_contract.exclusion.delete', resource: 'sla_contract', idParam: 'contractId', change: true },
  'POST /api/sla/contracts/:contractId/exclusions/:exclusionId/approve': { action: 'sla_contract.exclusion.approve', resource: 'sla_contract', idParam: 'contractId', change: true },
  // Escalation changes.
  'POST /api/escalations': { action: 'escalation.create', resource: 'escalation', change: true },
  'PUT /api/escalations/matrix/:providerId': { action: 'escalation_matrix.update', resource: 'escalation_matrix', idParam: 'providerId', change: true },
  'POST /api/escalations/:id/acknowledge': { action: 'escalation.acknowledge', resource: 'escalation', idParam: 'id', change: true },
  'POST /api/escalations/:id/action-plan': { action: 'escalation.action_plan', resource: 'escalation', idParam: 'id', change: true },
  'POST /api/escalations/:id/action-plan/agree': { action: 'escalation.action_plan_agree', resource: 'escalation', idParam: 'id', change: true },
  'POST /api/escalations/:id/resolve': { action: 'escalation.resolve', resource: 'escalation', idParam: 'id', change: true },
  'POST /api/escalations/:id/close': { action: 'escalation.close', resource: 'escalation', idParam: 'id', change: true },
  'POST /api/escalations/:id/reopen': { action: 'escalation.reopen', resource: 'escalation', idParam: 'id', change: true },
  'POST /api/escalations/:id/comments': { action: 'escalation.comment', resource: 'escalation', idParam: 'id', change: true },
  'POST /api/escalations/:id/escalate': { action: 'escalation.escalate', resource: 'escalation', idParam: 'id', change: true },
  'POST /api/escalations/:id/assign': { action: 'escalation.assign', resource: 'escalation', idParam: 'id', change: true },
};
