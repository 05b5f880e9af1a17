import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseAmazonConnectJson } from './amazon-connect';
import { ColumnMapping } from './column-mapping';
import { QueueTarget } from './contact-center-components';
import { parseContactsFile } from './contacts';
import { decodeText } from './decode-text';
import { parseGenesysJson } from './genesys';
import { IngestCatalog, createIngestCatalog } from './ingest-catalog';
import { IngestIssue, IngestResult } from './ingest-issue';
import { ObservationGranularity, ObservationRecord } from './observation-record';
import { parseObservationsCsvChunks, parseObservationsFile } from './observations-file';
import { parsePushBatch } from './push-batch';
import { parseQaEvaluationsFile, rollupQaEvaluations } from './qa-evaluations';

/**
 * Runs every sample of tests/fixtures/ingest: ok/ samples must give no errors and the expected records,
 * not-ok/ samples exactly the errors listed in their `<name>.expected.json`.
 */

const ROOT = join(__dirname, '..', '..', '..', '..', 'tests', 'fixtures', 'ingest');

interface ExpectedIssue {
  readonly line: number | null;
  readonly column: string | null;
  /** Substring of `"value" reason` (or of the reason when there is no value). */
  readonly reason: string;
  readonly path?: string;
  readonly suggestion?: string;
  readonly value?: string;
}

interface FixtureSpec {
  readonly description: string;
  readonly kind: 'observations' | 'contacts' | 'qa_evaluations' | 'genesys' | 'amazon_connect' | 'push';
  readonly format?: 'csv' | 'xlsx';
  readonly mapping?: ColumnMapping;
  readonly options?: {
    readonly slThresholdSeconds?: number;
    readonly shortAbandonSeconds?: number;
    readonly queues?: Record<string, QueueTarget>;
    readonly granularity?: ObservationGranularity;
  };
  readonly today: string;
  readonly timeZone: string;
  readonly expected: {
    readonly encoding?: string;
    readonly records: number;
    readonly derivedRecords?: number;
    readonly includes?: readonly Record<string, unknown>[];
    readonly rollup?: readonly Record<string, unknown>[];
    readonly forbiddenText?: readonly string[];
    readonly errors: readonly ExpectedIssue[];
    readonly warnings: readonly ExpectedIssue[];
  };
}

interface Sample {
  readonly group: 'ok' | 'not-ok';
  readonly file: string;
  readonly spec: FixtureSpec;
}

const catalog: IngestCatalog = createIngestCatalog(
  JSON.parse(readFileSync(join(ROOT, 'catalog.json'), 'utf8')),
);

function samples(group: 'ok' | 'not-ok'): Sample[] {
  const dir = join(ROOT, group);
  return readdirSync(dir)
    .filter((f) => !f.endsWith('.expected.json'))
    .sort()
    .map((file) => {
      const spec = JSON.parse(
        readFileSync(join(dir, file.replace(/\.[a-z]+$/, '.expected.json')), 'utf8'),
      ) as FixtureSpec;
      return { group, file, spec };
    });
}

/** Deterministic stand-in for the api's keyed hash. */
function pseudonymise(agentId: string): string {
  let h = 2166136261;
  for (let i = 0; i < agentId.length; i++) h = Math.imul(h ^ agentId.charCodeAt(i), 16777619) >>> 0;
  return `agent-${h.toString(16).padStart(8, '0')}`;
}

async function run(sample: Sample): Promise<IngestResult<object>> {
  const { spec } = sample;
  const bytes = readFileSync(join(ROOT, sample.group, sample.file));
  const common = { catalog, today: spec.today, timeZone: spec.timeZone };
  switch (spec.kind) {
    case 'observations':
      return parseObservationsFile(bytes, {
        ...common,
        format: spec.format ?? 'csv',
        mapping: spec.mapping as ColumnMapping,
      });
    case 'contacts':
      return parseContactsFile(bytes, {
        ...common,
        format: spec.format ?? 'csv',
        mapping: spec.mapping as ColumnMapping,
        slThresholdSeconds: spec.options?.slThresholdSeconds ?? 20,
        shortAbandonSeconds: spec.options?.shortAbandonSeconds,
      });
    case 'qa_evaluations':
      return parseQaEvaluationsFile(
        bytes,
        { ...common, format: spec.format ?? 'csv', mapping: spec.mapping as ColumnMapping },
        pseudonymise,
      );
    case 'genesys':
      return parseGenesysJson(bytes.toString('utf8'), {
        ...common,
        queues: spec.options?.queues ?? {},
        granularity: spec.options?.granularity ?? 'day',
      });
    case 'amazon_connect':
      return parseAmazonConnectJson(bytes.toString('utf8'), {
        ...common,
        queues: spec.options?.queues ?? {},
        granularity: spec.options?.granularity ?? 'day',
        slThresholdSeconds: spec.options?.slThresholdSeconds,
      });
    case 'push':
      return parsePushBatch(JSON.parse(bytes.toString('utf8')), common);
  }
}

function body(issue: IngestIssue): string {
  return (issue.value !== null ? `"${issue.value}" ` : '') + issue.reason;
}

function matches(actual: IngestIssue, expected: ExpectedIssue): boolean {
  return (
    actual.line === expected.line &&
    actual.column === expected.column &&
    (expected.path === undefined || actual.path === expected.path) &&
    (expected.suggestion === undefined || actual.suggestion === expected.suggestion) &&
    (expected.value === undefined || actual.value === expected.value) &&
    body(actual).includes(expected.reason)
  );
}

/** Pairs listed and actual issues one to one; returns what is left on either side. */
function compareIssues(actual: readonly IngestIssue[], expected: readonly ExpectedIssue[]) {
  const unmatched = [...actual];
  const missing: ExpectedIssue[] = [];
  for (const e of expected) {
    const i = unmatched.findIndex((a) => matches(a, e));
    if (i === -1) missing.push(e);
    else unmatched.splice(i, 1);
  }
  return { missing, unexpected: unmatched };
}

describe.each(['ok', 'not-ok'] as const)('fixtures in %s/', (group) => {
  const list = samples(group);

  it('exist, stay small and have one expected.json each', () => {
    expect(list.length).toBeGreaterThan(5);
    const bases = list.map((s) => s.file.replace(/\.[a-z]+$/, ''));
    expect(new Set(bases).size).toBe(bases.length);
    const expectedFiles = readdirSync(join(ROOT, group)).filter((f) => f.endsWith('.expected.json'));
    expect(expectedFiles.sort()).toEqual(bases.map((b) => `${b}.expected.json`).sort());
    for (const s of list) expect(readFileSync(join(ROOT, group, s.file)).length).toBeLessThan(50 * 1024);
  });

  it.each(list.map((s) => [s.file, s] as const))('%s', async (_file, sample) => {
    const { expected } = sample.spec;
    const result = await run(sample);

    const errors = compareIssues(result.errors, expected.errors);
    expect({ missing: errors.missing, unexpected: errors.unexpected }).toEqual({
      missing: [],
      unexpected: [],
    });
    const warnings = compareIssues(result.warnings, expected.warnings);
    expect({ missing: warnings.missing, unexpected: warnings.unexpected }).toEqual({
      missing: [],
      unexpected: [],
    });
    if (group === 'ok') expect(result.errors).toEqual([]);
    else expect(result.errors.length).toBeGreaterThan(0);

    expect(result.records).toHaveLength(expected.records);
    expect(result.stats.recordsOut).toBe(expected.records);
    if (expected.derivedRecords !== undefined)
      expect(result.stats.derivedRecords).toBe(expected.derivedRecords);
    for (const partial of expected.includes ?? []) {
      expect(result.records).toEqual(expect.arrayContaining([expect.objectContaining(partial)]));
    }
    if (expected.encoding !== undefined) {
      expect(decodeText(readFileSync(join(ROOT, group, sample.file))).encoding).toBe(expected.encoding);
    }
    if (expected.rollup !== undefined) {
      const rollup = rollupQaEvaluations(result.records as Parameters<typeof rollupQaEvaluations>[0]);
      expect(rollup).toHaveLength(expected.rollup.length);
      for (const partial of expected.rollup)
        expect(rollup).toEqual(expect.arrayContaining([expect.objectContaining(partial)]));
    }
    const everything = JSON.stringify(result);
    for (const text of expected.forbiddenText ?? []) expect(everything).not.toContain(text);
  });
});

describe('streaming reader on the ok CSV observation fixtures', () => {
  const csv = samples('ok').filter((s) => s.spec.kind === 'observations' && s.spec.format === 'csv');

  it.each(csv.map((s) => [s.file, s] as const))(
    '%s gives the same records and issues in 7-byte pieces',
    async (_file, sample) => {
      const bytes = new Uint8Array(readFileSync(join(ROOT, 'ok', sample.file)));
      const whole = await run(sample);
      async function* pieces() {
        for (let i = 0; i < bytes.length; i += 7) yield bytes.subarray(i, i + 7);
      }
      const records: ObservationRecord[] = [];
      const errors: IngestIssue[] = [];
      const warnings: IngestIssue[] = [];
      let finals = 0;
      for await (const batch of parseObservationsCsvChunks(pieces(), {
        catalog,
        today: sample.spec.today,
        timeZone: sample.spec.timeZone,
        mapping: sample.spec.mapping as ColumnMapping,
        batchSize: 3,
      })) {
        expect(batch.records.length).toBeLessThanOrEqual(3);
        records.push(...batch.records);
        errors.push(...batch.errors);
        warnings.push(...batch.warnings);
        if (batch.final) finals++;
      }
      expect(finals).toBe(1);
      expect(records).toEqual(whole.records);
      expect(errors).toEqual(whole.errors);
      expect(warnings).toEqual(whole.warnings);
    },
  );
});
