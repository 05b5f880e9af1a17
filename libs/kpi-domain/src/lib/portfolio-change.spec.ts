import { describeKpiChange, worstAttainmentStatus, worstChanges } from './portfolio-change';

const higher = { direction: 'higher_is_better' as const };
const lower = { direction: 'lower_is_better' as const };
const band = { direction: 'target_band' as const, band: { low: 0.85, high: 0.9 } };

describe('describeKpiChange', () => {
  it.each([
    ['a higher-is-better KPI falling', higher, 0.84, 0.74, 'down', 'bad', 0.1 / 0.84],
    ['a higher-is-better KPI rising', higher, 0.74, 0.84, 'up', 'good', 0],
    ['a lower-is-better KPI rising', lower, 300, 330, 'up', 'bad', 0.1],
    ['a lower-is-better KPI falling', lower, 330, 300, 'down', 'good', 0],
    ['a band KPI leaving its band', band, 0.88, 0.93, 'up', 'bad', (0.02 + 0.03) / 0.88],
    ['a band KPI moving back into its band', band, 0.93, 0.88, 'down', 'good', 0],
    ['an unchanged value', higher, 0.8, 0.8, 'flat', 'neutral', 0],
  ] as const)('%s', (_name, definition, previous, current, direction, judgement, badness) => {
    const change = describeKpiChange(definition, previous, current);
    expect(change.direction).toBe(direction);
    expect(change.judgement).toBe(judgement);
    expect(change.badness).toBeCloseTo(badness, 9);
  });

  it('judges a band KPI by the SLA target band when one is given', () => {
    expect(describeKpiChange(band, 0.8, 0.82, { low: 0.7, high: 0.8 }).judgement).toBe('bad');
    expect(describeKpiChange(band, 0.8, 0.82).judgement).toBe('good');
  });

  it('is neutral for a band KPI without any band', () => {
    expect(describeKpiChange({ direction: 'target_band' }, 0.8, 0.9)).toEqual({ direction: 'up', judgement: 'neutral', badness: 0 });
  });

  it('has no direction without both values', () => {
    expect(describeKpiChange(higher, null, 0.8)).toEqual({ direction: null, judgement: 'neutral', badness: null });
    expect(describeKpiChange(higher, 0.8, null)).toEqual({ direction: null, judgement: 'neutral', badness: null });
  });
});

describe('worstAttainmentStatus', () => {
  it('takes the worst status and ignores unmeasured ones', () => {
    expect(worstAttainmentStatus(['met', 'breached', 'at_risk'])).toBe('breached');
    expect(worstAttainmentStatus(['no_data', 'met'])).toBe('met');
    expect(worstAttainmentStatus(['at_risk', 'met'])).toBe('at_risk');
    expect(worstAttainmentStatus([])).toBe('no_data');
  });
});

describe('worstChanges', () => {
  const item = (id: string, previous: number, current: number) => ({ id, change: describeKpiChange(lower, previous, current) });

  it('keeps only changes for the worse, largest first, at most `limit`', () => {
    const items = [item('small', 100, 101), item('better', 100, 90), item('big', 100, 130), item('mid', 100, 110)];
    expect(worstChanges(items, 2).map((entry) => entry.id)).toEqual(['big', 'mid']);
    expect(worstChanges(items, 10).map((entry) => entry.id)).toEqual(['big', 'mid', 'small']);
  });
});
