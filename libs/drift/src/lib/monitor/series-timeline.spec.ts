import { aSeries, GeneratedSeries } from '@kpi/testing';
import { DRIFT_SENSITIVITY_PRESETS } from './sensitivity';
import {
  appendPoint,
  createSeriesState,
  createSeriesStateWithTimeline,
  currentStatus,
  getSeriesResult,
} from './series-state';

const WEEK = [1.1, 1, 1, 1, 0.95, 0.8, 0.7];
const daily = (seed: number, n = 360) =>
  aSeries({ seed }).daily(n, '2024-01-01').level(300).noise(0.03).weekly(WEEK);

describe('createSeriesStateWithTimeline', () => {
  const cases: [string, GeneratedSeries][] = [
    ['no change', daily(31).build()],
    ['adverse step then recovery', daily(32, 320).withStep(150, -0.12).withStep(260, 0.12).build()],
    ['favourable step', daily(33).withStep(200, 0.1).build()],
    ['ramp', daily(34).withRamp(180, 0.002).build()],
    [
      'variance change with gaps',
      daily(35).withVarianceChange(200, 2.5).withGaps(0.1).withMissing(0.05).build(),
    ],
  ];

  it.each(cases)('%s: the status after each point equals appending the points one by one', (_name, s) => {
    const { state, timeline } = createSeriesStateWithTimeline({
      values: s.values,
      dates: s.dates,
      betterWhen: 'higher',
    });
    expect(state).toEqual(createSeriesState({ values: s.values, dates: s.dates, betterWhen: 'higher' }));
    expect(timeline).toHaveLength(s.values.length);
    let step = createSeriesState({ values: [], dates: [], betterWhen: 'higher' });
    for (let i = 0; i < s.values.length; i++) {
      const r = appendPoint(step, s.values[i], s.dates[i]);
      step = r.state;
      expect(timeline[i].status).toBe(r.result.status);
      expect(timeline[i]).toEqual(currentStatus(step));
    }
  });

  it('names the deciding finding: adverse while drifting, favourable once it recovers', () => {
    const s = cases[1][1];
    const { state, timeline } = createSeriesStateWithTimeline({
      values: s.values,
      dates: s.dates,
      betterWhen: 'higher',
    });
    const drifting = timeline.findIndex((p) => p.status === 'drifting');
    expect(drifting).toBeGreaterThan(150);
    expect(drifting).toBeLessThan(165);
    expect(state.findings[timeline[drifting].finding]).toMatchObject({
      direction: 'adverse',
      startIndex: 150,
    });
    const last = timeline[timeline.length - 1];
    expect(last.status).toBe('improving');
    expect(state.findings[last.finding].direction).toBe('favourable');
    expect(getSeriesResult(state).status).toBe('improving');
  });

  it.each([
    ['before the baseline is complete', 30, { status: 'insufficient_data', finding: -1 }],
    ['in control', 120, { status: 'in_control', finding: -1 }],
  ] as const)('currentStatus %s', (_name, n, expected) => {
    const s = daily(36, n).build();
    expect(
      currentStatus(createSeriesState({ values: s.values, dates: s.dates, betterWhen: 'lower' })),
    ).toEqual(expected);
  });
});

describe('DRIFT_SENSITIVITY_PRESETS', () => {
  // A 1.2 sd shift: every preset finds it, the high sensitivity first and the low one last.
  const s = daily(41, 400).noise(0.025).withStep(250, -0.03).build();
  const delay = (preset: keyof typeof DRIFT_SENSITIVITY_PRESETS) => {
    const r = getSeriesResult(
      createSeriesState(
        { values: s.values, dates: s.dates, betterWhen: 'higher' },
        DRIFT_SENSITIVITY_PRESETS[preset],
      ),
    );
    const hit = r.findings.find((f) => f.direction === 'adverse' && Math.abs(f.startIndex - 250) <= 10);
    return hit ? hit.alarmIndex - 250 : Number.POSITIVE_INFINITY;
  };

  it('default is the library default', () => {
    expect(DRIFT_SENSITIVITY_PRESETS.default).toEqual({});
  });

  it('orders the detection delay high <= default <= low', () => {
    const [high, normal, low] = [delay('high'), delay('default'), delay('low')];
    expect(Number.isFinite(high)).toBe(true);
    expect(high).toBeLessThanOrEqual(normal);
    expect(normal).toBeLessThanOrEqual(low);
  });
});
