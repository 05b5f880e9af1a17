/** One CSV of a provider export: `sql` selects the provider's rows of `table`, with `$1` = the provider id. */
export interface ProviderExportTable {
  file: string;
  table: string;
  sql: string;
}

/**
 * Everything held about one provider, one file per table, whole rows (`SELECT *`, so a new column is exported
 * too). QA agents appear only as their pseudonym (`agent_key`); feed credentials and API keys are not exported.
 */
export const PROVIDER_EXPORT_TABLES: readonly ProviderExportTable[] = [
  { file: 'provider.csv', table: 'providers', sql: `SELECT * FROM providers WHERE id = $1` },
  { file: 'provider_service_lines.csv', table: 'provider_service_lines', sql: `SELECT * FROM provider_service_lines WHERE provider_id = $1 ORDER BY service_line_code` },
  { file: 'sites.csv', table: 'sites', sql: `SELECT * FROM sites WHERE provider_id = $1 ORDER BY code` },
  { file: 'metric_observations.csv', table: 'metric_observations', sql: `SELECT * FROM metric_observations WHERE provider_id = $1 ORDER BY id` },
  { file: 'qa_evaluations.csv', table: 'qa_evaluations', sql: `SELECT * FROM qa_evaluations WHERE provider_id = $1 ORDER BY id` },
  { file: 'sla_contracts.csv', table: 'sla_contracts', sql: `SELECT * FROM sla_contracts WHERE provider_id = $1 ORDER BY created_at, id` },
  {
    file: 'sla_contract_versions.csv',
    table: 'sla_contract_versions',
    sql: `SELECT v.* FROM sla_contract_versions v JOIN sla_contracts c ON c.id = v.contract_id WHERE c.provider_id = $1 ORDER BY c.created_at, c.id, v.version`,
  },
  {
    file: 'sla_service_levels.csv',
    table: 'sla_service_levels',
    sql: `SELECT s.* FROM sla_service_levels s JOIN sla_contract_versions v ON v.id = s.contract_version_id JOIN sla_contracts c ON c.id = v.contract_id
          WHERE c.provider_id = $1 ORDER BY c.created_at, c.id, v.version, s.position, s.id`,
  },
  {
    file: 'sla_exclusions.csv',
    table: 'sla_exclusions',
    sql: `SELECT e.* FROM sla_exclusions e JOIN sla_contracts c ON c.id = e.contract_id WHERE c.provider_id = $1 ORDER BY e.from_date, e.id`,
  },
  { file: 'escalations.csv', table: 'escalations', sql: `SELECT * FROM escalations WHERE provider_id = $1 ORDER BY number` },
  {
    file: 'escalation_timeline.csv',
    table: 'escalation_timeline',
    sql: `SELECT t.* FROM escalation_timeline t JOIN escalations e ON e.id = t.escalation_id WHERE e.provider_id = $1 ORDER BY e.number, t.at, t.id`,
  },
  { file: 'drift_events.csv', table: 'drift_events', sql: `SELECT * FROM drift_events WHERE provider_id = $1 ORDER BY opened_at, id` },
  { file: 'ingestion_runs.csv', table: 'ingestion_runs', sql: `SELECT * FROM ingestion_runs WHERE provider_id = $1 ORDER BY started_at, id` },
  { file: 'audit_log.csv', table: 'audit_log', sql: `SELECT * FROM audit_log WHERE provider_id = $1 ORDER BY id` },
];

export const PROVIDER_EXPORT_NOTES: readonly string[] = [
  'One CSV per table (UTF-8 with a byte order mark, comma separated, RFC 4180 quoting); an empty cell is NULL, "" is an empty text.',
  'Timestamps are UTC; booleans are true/false; JSON columns hold JSON text.',
  'QA agents appear only as agent_key, a keyed hash (HMAC-SHA256) of the provider and the agent id; raw agent ids are not held.',
  'Feed credentials and API keys are not exported. Text starting with =, +, - or @ is prefixed with an apostrophe so spreadsheets do not run it.',
  'All files come from one consistent snapshot of the database; rows counts per file are listed below.',
];
