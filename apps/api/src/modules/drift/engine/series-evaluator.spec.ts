import type { SlaContractVersion } from '@kpi/domain';
import { DailyComponents, DEFAULT_DRIFT_SETTINGS } from '@kpi/drift';
import { seededRandom } from '../../demo/demo-data';
import { runSeries, SeriesConfig, SeriesRunInput, StoredSeries } from './series-evaluator';
import { SeriesData } from './series-model';

const START = '2025-01-06';
const date = (i: number) =>
  new Date(Date.parse(`${START}T00:00:00Z`) + i * 86_400_000).toISOString().slice(0, 10);

/** Daily AHT components: 1,000 contacts a day, 300 s (weekday pattern, 2 % noise), times `factor(i)`. */
function ahtDays(n: number, factor: (i: number) => number = () => 1, seed = 7): DailyComponents[] {
  const rand = seededRandom(seed);
  const normal = () => Math.sqrt(-2 * Math.log(Math.max(rand(), 1e-12))) * Math.cos(2 * Math.PI * rand());
  return Array.from({ length: n }, (_, i) => {
    const weekday = i % 7;
    const aht = 300 * [1.05, 1, 1, 1, 0.98, 0.95, 0.93][weekday] * factor(i) * (1 + 0.02 * normal());
    return { date: date(i), numerator: 1000 * aht, denominator: 1000 };
  });
}

const scope = { providerId: 'P', siteId: 'S', serviceLine: 'voice', queue: null };
const data = (days: DailyComponents[], kpiCode = 'aht'): SeriesData => ({
  key: `P/S/voice/*/${kpiCode}`,
  scope,
  kpiCode,
  level: 'site_line',
  days,
});
const config: SeriesConfig = {
  kpi: { code: 'aht', aggregation: 'ratio_of_sums', unit: 'seconds' },
  betterWhen: 'lower',
  proportion: false,
  enabled: true,
  overrides: {},
  baselineLength: null,
  settingsHash: 'h1',
  slaVersions: [],
};
const input = (over: Partial<SeriesRunInput>): SeriesRunInput => ({
  data: data(ahtDays(10)),
  config,
  stored: null,
  historyLoaded: true,
  restatedFrom: null,
  checkFingerprint: false,
  force: false,
  ...over,
});
const evaluated = (run: ReturnType<typeof runSeries>) => {
  if (run.outcome !== 'evaluated') throw new Error(`expected an evaluation, got ${run.outcome}`);
  return run;
};

describe('runSeries', () => {
  // 60 days after the step: still within the status horizon, so the alert is open at the end.
  const stepped = ahtDays(260, (i) => (i >= 200 ? 1.12 : 1));

  it('a full pass over a step opens one adverse episode dated at the step, with its finding', () => {
    const run = evaluated(runSeries(input({ data: data(stepped) })));
    expect(run.mode).toBe('full');
    const adverse = run.episodes.filter((e) => e.direction === 'adverse');
    expect(adverse).toHaveLength(1);
    expect(adverse[0]).toMatchObject({ kind: 'drift', resolvedOn: null, carried: false });
    expect(adverse[0].info?.finding).toMatchObject({
      startDate: date(200),
      direction: 'adverse',
      kind: 'level_shift',
    });
    expect(run.next).toMatchObject({
      granularity: 'day',
      status: 'drifting',
      coveredTo: date(259),
      points: 260,
    });
    expect(run.current?.startDate).toBe(date(200));
  });

  it('appending the new days to the stored state gives exactly the full pass (state, tracks, episodes)', () => {
    const whole = evaluated(runSeries(input({ data: data(stepped) })));
    const first = evaluated(runSeries(input({ data: data(stepped.slice(0, 190)) })));
    const second = evaluated(
      runSeries(input({ data: data(stepped.slice(150)), stored: first.next, historyLoaded: false })),
    );
    expect(second.mode).toBe('incremental');
    expect(JSON.parse(JSON.stringify(second.next))).toEqual(JSON.parse(JSON.stringify(whole.next)));
    expect(second.episodes.map((e) => [e.direction, e.openedOn, e.resolvedOn])).toEqual(
      whole.episodes.map((e) => [e.direction, e.openedOn, e.resolvedOn]),
    );
  });

  it('does nothing when no day is new, and survives a JSON round trip of the stored row', () => {
    const first = evaluated(runSeries(input({ data: data(stepped) })));
    const stored = JSON.parse(JSON.stringify(first.next)) as StoredSeries;
    expect(runSeries(input({ data: data(stepped.slice(240)), stored, historyLoaded: false })).outcome).toBe(
      'unchanged',
    );
  });

  it.each([
    ['changed settings', { config: { ...config, settingsHash: 'h2' } }],
    ['a forced rebuild', { force: true }],
  ] as [string, Partial<SeriesRunInput>][])(
    're-evaluates in full after %s (asking for the history first)',
    (_name, over) => {
      const first = evaluated(runSeries(input({ data: data(stepped.slice(0, 250)) })));
      const partial = runSeries(
        input({ data: data(stepped.slice(250)), stored: first.next, historyLoaded: false, ...over }),
      );
      expect(partial.outcome).toBe('needs_history');
      expect(evaluated(runSeries(input({ data: data(stepped), stored: first.next, ...over }))).mode).toBe(
        'full',
      );
    },
  );

  it('an ingestion run that touched covered days re-evaluates in full only when the history really changed', () => {
    const first = evaluated(runSeries(input({ data: data(stepped.slice(0, 250)) })));
    const announced = { stored: first.next, restatedFrom: date(120) };
    expect(
      runSeries(input({ data: data(stepped.slice(250)), historyLoaded: false, ...announced })).outcome,
    ).toBe('needs_history');
    // Same values re-sent for the past (e.g. a re-ingested file): only the new days are appended.
    expect(evaluated(runSeries(input({ data: data(stepped), ...announced }))).mode).toBe('incremental');
    const restated = stepped.map((d, i) => (i === 130 ? { ...d, numerator: d.numerator * 1.2 } : d));
    expect(evaluated(runSeries(input({ data: data(restated), ...announced }))).mode).toBe('full');
  });

  it('the fingerprint check catches an unannounced restatement, and only then', () => {
    const first = evaluated(runSeries(input({ data: data(stepped.slice(0, 250)) })));
    const same = runSeries(
      input({ data: data(stepped.slice(0, 251)), stored: first.next, checkFingerprint: true }),
    );
    expect(evaluated(same).mode).toBe('incremental');
    const restated = stepped
      .slice(0, 251)
      .map((d, i) => (i === 100 ? { ...d, numerator: d.numerator * 1.3 } : d));
    expect(
      evaluated(runSeries(input({ data: data(restated), stored: first.next, checkFingerprint: true }))).mode,
    ).toBe('full');
  });

  it('a step back resolves the alert as back in control; a disabled KPI closes it', () => {
    const recovered = ahtDays(340, (i) => (i >= 200 && i < 260 ? 1.12 : 1));
    const run = evaluated(runSeries(input({ data: data(recovered) })));
    const adverse = run.episodes.find((e) => e.direction === 'adverse');
    expect(adverse).toMatchObject({ resolution: 'back_in_control' });
    expect(adverse!.resolvedOn! >= date(260)).toBe(true);

    const open = evaluated(runSeries(input({ data: data(stepped) })));
    const disabled = evaluated(
      runSeries(input({ data: data(stepped), stored: open.next, config: { ...config, enabled: false } })),
    );
    expect(disabled.next.status).toBe('disabled');
    expect(disabled.episodes).toEqual([
      expect.objectContaining({ carried: true, resolution: 'disabled', resolvedOn: date(259) }),
    ]);
  });

  it('a long step becomes the new normal after the status horizon', () => {
    const n = 200 + DEFAULT_DRIFT_SETTINGS.statusHorizon + 20;
    const run = evaluated(runSeries(input({ data: data(ahtDays(n, (i) => (i >= 200 ? 1.12 : 1))) })));
    expect(run.episodes.find((e) => e.direction === 'adverse')).toMatchObject({ resolution: 'new_normal' });
    expect(run.next.status).toBe('in_control');
  });

  it('evaluates a low-volume proportion weekly (or not at all) instead of daily', () => {
    const rare = (perDay: number): DailyComponents[] =>
      Array.from({ length: 200 }, (_, i) => ({ date: date(i), numerator: 70 - perDay, denominator: 70 }));
    const proportion = {
      ...config,
      proportion: true,
      betterWhen: 'higher' as const,
      kpi: { code: 'accuracy', aggregation: 'ratio_of_sums' as const, unit: 'percent' },
    };
    const weekly = evaluated(runSeries(input({ data: data(rare(1), 'accuracy'), config: proportion })));
    expect(weekly.next).toMatchObject({ granularity: 'week', detectorLastDate: date(195) });
    const none = evaluated(runSeries(input({ data: data(rare(0), 'accuracy'), config: proportion })));
    expect(none.next).toMatchObject({ granularity: 'none', status: 'low_volume', state: null });
  });
});

describe('runSeries with SLA terms (the seam for the SLA contracts capability)', () => {
  const version = (minimum: number, target: number): SlaContractVersion => ({
    id: 'v1',
    contractId: 'c1',
    version: 1,
    providerId: 'P',
    currency: 'MXN',
    monthlyFee: 100_000,
    atRiskPct: 12,
    effectiveFrom: '2025-01-01',
    effectiveTo: null,
    serviceLevels: [
      {
        id: 'sl-1',
        name: 'Service level 80/20',
        scope: { providerId: 'P', siteId: 'S', serviceLine: 'voice' },
        kpiCode: 'service_level',
        target,
        minimum,
        measurementPeriod: 'monthly',
        kind: 'critical',
        poolAllocationPct: 50,
        earnBack: null,
      },
    ],
  });
  const sl = (i: number) => ({ date: date(i), numerator: i >= 45 ? 1500 : 1700, denominator: 2000 });
  const slConfig = (versions: SlaContractVersion[]): SeriesConfig => ({
    ...config,
    kpi: { code: 'service_level', aggregation: 'ratio_of_sums', unit: 'percent' },
    betterWhen: 'higher',
    proportion: true,
    slaVersions: versions,
  });
  const days = Array.from({ length: 70 }, (_, i) => sl(i));

  it('opens an SLA event when the month-to-date value breaches the minimum', () => {
    const run = evaluated(
      runSeries(input({ data: data(days, 'service_level'), config: slConfig([version(0.8, 0.85)]) })),
    );
    const sla = run.episodes.filter((e) => e.kind === 'sla');
    expect(sla).toHaveLength(1);
    expect(sla[0]).toMatchObject({ direction: 'adverse', resolvedOn: null });
    expect(run.sla).toMatchObject({ kind: 'breach', serviceLevelId: 'sl-1', minimum: 0.8 });
    expect(run.sla?.value).toBeLessThan(0.8);
  });

  it('raises nothing when the levels are met, and nothing without terms', () => {
    const met = evaluated(
      runSeries(input({ data: data(days, 'service_level'), config: slConfig([version(0.7, 0.72)]) })),
    );
    expect(met.episodes.filter((e) => e.kind === 'sla')).toEqual([]);
    const none = evaluated(runSeries(input({ data: data(days, 'service_level'), config: slConfig([]) })));
    expect(none.episodes.filter((e) => e.kind === 'sla')).toEqual([]);
    expect(none.sla).toBeNull();
  });
});
