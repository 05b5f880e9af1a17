import { describeHowMuch, escalationReference } from './alert-items.builder';

describe('describeHowMuch', () => {
  it.each([
    [{ magnitude: 0.124, baselineValue: 355, currentValue: 399 }, { unit: 'seconds', displayPrecision: 0 }, '+12.4 % (5:55 min → 6:39 min)'],
    [{ magnitude: -0.119, baselineValue: 0.84, currentValue: 0.74 }, { unit: 'percent', displayPrecision: 1 }, '−11.9 % (84.0 % → 74.0 %)'],
    [{ magnitude: 0.05, baselineValue: null, currentValue: null }, null, '+5.0 %'],
    [{ magnitude: null, baselineValue: 1, currentValue: 2 }, { unit: 'count', displayPrecision: 0 }, '1 → 2'],
    [{ magnitude: null, baselineValue: null, currentValue: null }, null, null],
  ] as const)('%p in %p', (alert, kpi, text) => {
    expect(describeHowMuch(alert, kpi as never)).toBe(text);
  });

  it('pads references', () => {
    expect(escalationReference(7)).toBe('ESC-0007');
    expect(escalationReference(12345)).toBe('ESC-12345');
  });
});
