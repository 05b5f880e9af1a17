import type { AttainmentResultDto, BurnRateDto } from '@kpi/contracts';
import { attainmentCells, describeBurn, formatMargin, formatMoney, formatMonth, formatSlaLevel } from './sla-format';

const percent = { unit: 'percent' as const, displayPrecision: 1 };
const seconds = { unit: 'seconds' as const, displayPrecision: 0 };

function result(month: string, status: AttainmentResultDto['status'], overrides: Partial<AttainmentResultDto> = {}): AttainmentResultDto {
  return {
    serviceLevelId: 'sl',
    contractVersionId: 'v1',
    version: 1,
    period: { from: `${month}-01`, to: `${month}-28` },
    periodLabel: month,
    month,
    final: true,
    status,
    value: 0.8,
    target: 0.8,
    minimum: 0.75,
    margin: 0,
    marginToMinimum: 0.05,
    numerator: 80,
    denominator: 100,
    observationCount: 1,
    excludedObservationCount: 0,
    exclusionsApplied: [],
    exclusionsIgnored: [],
    ...overrides,
  };
}

describe('SLA formatting', () => {
  it.each([
    [percent, 0.8, '80.0 %'],
    [seconds, 380, '380 s'],
    [percent, { low: 0.85, high: 0.9 }, '85.0 % – 90.0 %'],
  ] as const)('formats a level %#', (kpi, level, expected) => {
    expect(formatSlaLevel(kpi, level)).toBe(expected);
  });

  it.each([
    [percent, 0.021, '+2.1 pp'],
    [percent, -0.0583, '−5.8 pp'],
    [seconds, -20, '−20 s'],
    [percent, 0, '±0.0 pp'],
    [percent, null, '–'],
  ] as const)('formats margin %#', (kpi, margin, expected) => {
    expect(formatMargin(kpi, margin)).toBe(expected);
  });

  it('formats money and months', () => {
    expect(formatMoney(136080, 'MXN')).toBe('MXN 136,080.00');
    expect(formatMoney(51428.571, null)).toBe('51,428.57');
    expect(formatMonth('2026-09')).toBe('Sep 2026');
  });
});

describe('attainmentCells', () => {
  it('keeps one result per month for a monthly service level, null where nothing ends', () => {
    const cells = attainmentCells({ results: [result('2026-08', 'met'), result('2026-09', 'breached')] }, ['2026-08', '2026-09', '2026-10']);
    expect(cells.map((cell) => [cell.month, cell.status, cell.result?.status ?? null])).toEqual([
      ['2026-08', 'met', 'met'],
      ['2026-09', 'breached', 'breached'],
      ['2026-10', null, null],
    ]);
  });

  it('shows the worst of several periods in a month and counts the met ones', () => {
    const weeks = [result('2026-09', 'met'), result('2026-09', 'at_risk'), result('2026-09', 'met', { final: false })];
    const [cell] = attainmentCells({ results: weeks }, ['2026-09']);
    expect(cell).toMatchObject({ status: 'at_risk', result: null, periods: 3, met: 2, final: false });
  });

  it('lists each applied exclusion once', () => {
    const exclusion = { exclusionId: 'x', reason: 'Outage', approvedBy: 'Ana', from: '2026-09-21', to: '2026-09-21', siteIds: null };
    const [cell] = attainmentCells(
      { results: [result('2026-09', 'met', { exclusionsApplied: [exclusion] }), result('2026-09', 'met', { exclusionsApplied: [exclusion] })] },
      ['2026-09'],
    );
    expect(cell.exclusions).toHaveLength(1);
  });
});

describe('describeBurn', () => {
  const burn = (overrides: Partial<BurnRateDto>): BurnRateDto => ({
    status: 'burning',
    burnRate: 1.3,
    budgetConsumedFraction: 0.7,
    errorBudget: 100,
    budgetConsumed: 70,
    budgetRemaining: 30,
    projectedMissDay: 25,
    projectedMissDate: '2026-10-25',
    explanation: '',
    ...overrides,
  });

  it.each([
    [burn({}), 'target', 'At this pace the target is missed on day 25 (25 Oct)'],
    [burn({}), 'minimum', 'At this pace the minimum is breached on day 25 (25 Oct)'],
    [burn({ status: 'on_track' }), 'target', 'On track for the target'],
    [burn({ status: 'exhausted' }), 'target', 'Target budget already spent'],
    [burn({ status: 'no_data' }), 'target', 'No data yet in this period'],
  ] as const)('%#', (value, what, expected) => {
    expect(describeBurn(value, what, (iso) => `${Number(iso.slice(8))} Oct`)).toBe(expected);
  });
});
