import { checkControlChartRules } from './control-chart';
import { ControlChartRule } from '../drift.types';

const ALL: ControlChartRule[] = [
  'beyond_3_sigma',
  'two_of_three_beyond_2_sigma',
  'eight_on_one_side',
  'six_trending',
];

describe('checkControlChartRules', () => {
  it.each([
    ['one point beyond 3 sigma', [0.1, -0.4, 3.2], 'beyond_3_sigma', 1, 1],
    ['low side beyond 3 sigma', [0.1, -3.5], 'beyond_3_sigma', -1, 1],
    ['2 of 3 beyond 2 sigma', [2.1, 0.3, 2.5], 'two_of_three_beyond_2_sigma', 1, 3],
    ['2 consecutive beyond 2 sigma below', [0.2, -2.2, -2.4], 'two_of_three_beyond_2_sigma', -1, 2],
    ['8 in a row above', [-1, 0.2, 0.5, 0.1, 1.1, 0.3, 0.8, 0.4, 0.2], 'eight_on_one_side', 1, 8],
    ['6 in a row decreasing', [0.2, 1.5, 1.0, 0.4, 0.1, -0.6, -0.9], 'six_trending', -1, 6],
  ] as const)('%s', (_name, zs, rule, side, runLength) => {
    expect(checkControlChartRules(zs, ALL)).toEqual({ rule, side, runLength });
  });

  it.each([
    ['in control', [0.3, -1.2, 0.8, 1.9, -0.4]],
    ['2 beyond 2 sigma on opposite sides', [2.3, -2.4]],
    ['7 in a row on one side only', [-1, 0.2, 0.5, 0.1, 1.1, 0.3, 0.8, 0.4]],
    ['5 increasing only', [0, 0.1, 0.2, 0.3, 0.4]],
    ['the new point inside 2 sigma', [2.5, 2.4, 1.0]],
  ])('no violation when %s', (_name, zs) => {
    expect(checkControlChartRules(zs, ALL)).toBeNull();
  });

  it('only checks the enabled rules', () => {
    expect(checkControlChartRules([0, 3.3], ['eight_on_one_side'])).toBeNull();
    expect(checkControlChartRules([], ALL)).toBeNull();
  });
});
