import { ColumnMapping } from './column-mapping';
import { createIngestCatalog } from './ingest-catalog';
import { QaEvaluationRecord, parseQaEvaluationsFile, rollupQaEvaluations } from './qa-evaluations';

const catalog = createIngestCatalog({
  sites: [
    { code: 'MTY', city: 'Monterrey' },
    { code: 'GDL', city: 'Guadalajara' },
  ],
});
const mapping: ColumnMapping = {
  version: 1,
  layout: 'qa_evaluations',
  columns: {
    evaluation_id: 'Evaluación',
    evaluated_at: 'Fecha',
    agent_id: 'Agente',
    team: 'Equipo',
    site: 'Sitio',
    score: 'Puntos',
    possible: 'Posibles',
    auto_fail: 'Falla crítica',
  },
  constants: { service_line: 'voice' },
};
const options = {
  format: 'csv' as const,
  mapping,
  catalog,
  today: '2024-03-10',
  timeZone: 'America/Mexico_City',
};
const pseudonymise = (id: string) =>
  `key:${id.length}:${[...id]
    .reverse()
    .join('')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '')}x`;
const header = 'Evaluación,Fecha,Agente,Equipo,Sitio,Puntos,Posibles,Falla crítica\n';

function evaluation(overrides: Partial<QaEvaluationRecord>): QaEvaluationRecord {
  return {
    evaluationId: 'E',
    evaluatedAt: '2024-03-04T16:00:00.000Z',
    evaluatedOn: '2024-03-04',
    agentKey: 'k1',
    team: 'Rojo',
    siteCode: 'MTY',
    serviceLine: 'voice',
    formVersion: 'v1',
    score: 80,
    rawScore: 80,
    possible: 100,
    autoFail: false,
    source: { line: 2 },
    ...overrides,
  };
}

describe('rollupQaEvaluations', () => {
  it('sums points (auto-fail counted as 0) and counts auto-fails per day x site x line x team', () => {
    const rollup = rollupQaEvaluations([
      evaluation({ score: 85, rawScore: 85, possible: 100 }),
      evaluation({ score: 92, rawScore: 92, possible: 95 }),
      evaluation({ score: 0, rawScore: 78, possible: 100, autoFail: true }),
      evaluation({ team: 'Azul', score: 45, rawScore: 45, possible: 50 }),
      evaluation({ evaluatedOn: '2024-03-05', score: 50, rawScore: 50, possible: 50 }),
    ]);
    const byKey = Object.fromEntries(
      rollup.map((r) => [`${r.periodStart} ${r.queue} ${r.kpiCode}`, [r.numerator, r.denominator]]),
    );
    expect(byKey).toEqual({
      '2024-03-04 Rojo qa_score': [177, 295],
      '2024-03-04 Rojo qa_autofail_rate': [1, 3],
      '2024-03-04 Azul qa_score': [45, 50],
      '2024-03-04 Azul qa_autofail_rate': [0, 1],
      '2024-03-05 Rojo qa_score': [50, 50],
      '2024-03-05 Rojo qa_autofail_rate': [0, 1],
    });
  });

  it('is empty for no evaluations', () => {
    expect(rollupQaEvaluations([])).toEqual([]);
  });
});

describe('parseQaEvaluationsFile', () => {
  it('pseudonymises agents, forces auto-fail scores to 0 and keeps the raw score', async () => {
    const csv = `${header}E1,2024-03-04T10:00:00-06:00,AG-1,Rojo,Monterrey,85,100,no\nE2,2024-03-04T11:00:00-06:00,AG-1,Rojo,MTY,78,100,sí\n`;
    const result = await parseQaEvaluationsFile(Buffer.from(csv), options, pseudonymise);
    expect(result.errors).toEqual([]);
    expect(result.records).toEqual([
      expect.objectContaining({
        evaluationId: 'E1',
        agentKey: pseudonymise('AG-1'),
        siteCode: 'MTY',
        score: 85,
        rawScore: 85,
        autoFail: false,
        formVersion: '',
        serviceLine: 'voice',
      }),
      expect.objectContaining({
        evaluationId: 'E2',
        agentKey: pseudonymise('AG-1'),
        score: 0,
        rawScore: 78,
        autoFail: true,
        evaluatedAt: '2024-03-04T17:00:00.000Z',
        evaluatedOn: '2024-03-04',
      }),
    ]);
    expect(JSON.stringify(result)).not.toContain('AG-1');
  });

  it('calls pseudonymise once per distinct agent', async () => {
    const calls: string[] = [];
    const csv = `${header}E1,2024-03-04,AG-1,Rojo,MTY,1,2,no\nE2,2024-03-04,AG-1,Rojo,MTY,1,2,no\nE3,2024-03-04,AG-2,Rojo,MTY,1,2,no\n`;
    await parseQaEvaluationsFile(Buffer.from(csv), options, (id) => {
      calls.push(id);
      return `k-${calls.length}`;
    });
    expect(calls).toEqual(['AG-1', 'AG-2']);
  });

  it.each([
    [
      'a throwing pseudonymise',
      () => {
        throw new Error('AG-9 is not allowed');
      },
      'could not be pseudonymised',
    ],
    ['an identity pseudonymise', (id: string) => id, 'returned no usable key'],
  ])('never leaks the agent id: %s', async (_name, fn, reason) => {
    const csv = `${header}E1,2024-03-04,AG-9,Rojo,MTY,1,2,no\n`;
    const result = await parseQaEvaluationsFile(Buffer.from(csv), options, fn);
    expect(result.records).toEqual([]);
    expect(result.errors).toEqual([
      expect.objectContaining({
        line: 2,
        column: 'Agente',
        value: null,
        reason: expect.stringContaining(reason),
      }),
    ]);
    expect(JSON.stringify(result)).not.toContain('AG-9');
  });

  it.each([
    ['E1,2024-03-04,AG-1,Rojo,MTY,-1,100,no', 'Puntos', 'is negative; points cannot be negative'],
    ['E1,2024-03-04,AG-1,Rojo,MTY,,100,no', 'Puntos', 'the value is empty; a score is required'],
    ['E1,2024-03-04,AG-1,Rojo,MTY,90,,no', 'Posibles', 'the value is empty; the points possible is required'],
    ['E1,ayer,AG-1,Rojo,MTY,90,100,no', 'Fecha', 'is not a date'],
    [',2024-03-04,AG-1,Rojo,MTY,90,100,no', 'Evaluación', 'an evaluation id is required'],
  ])('%s -> %s: %s', async (row, column, reason) => {
    const result = await parseQaEvaluationsFile(Buffer.from(`${header}${row}\n`), options, pseudonymise);
    expect(result.errors).toEqual([
      expect.objectContaining({ line: 2, column, reason: expect.stringContaining(reason) }),
    ]);
    expect(result.stats.rowsRejected).toBe(1);
  });
});
