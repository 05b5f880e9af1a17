import {
  HysteresisAction,
  HysteresisSignal,
  HysteresisState,
  stepHysteresis,
  toHysteresisSignal,
} from './hysteresis';

function run(
  signals: readonly HysteresisSignal[],
  settings = {},
): { actions: HysteresisAction[]; last: HysteresisState | null } {
  let state: HysteresisState | null = null;
  const actions: HysteresisAction[] = [];
  for (const signal of signals) {
    const r = stepHysteresis(state, signal, settings);
    state = r.state;
    actions.push(r.action);
  }
  return { actions, last: state };
}

const B = 'breaching' as const;
const C = 'clear' as const;
const U = 'unknown' as const;

describe('stepHysteresis (defaults: 2 breaching to open, 3 clear to resolve)', () => {
  it.each([
    ['one breaching evaluation does not open', [B, C, C], ['none', 'none', 'none']],
    ['two in a row open, then keep', [B, B, B], ['none', 'open', 'keep']],
    [
      'flapping around the limit never opens',
      [B, C, B, C, B, C],
      ['none', 'none', 'none', 'none', 'none', 'none'],
    ],
    [
      'open alert resolves after 3 clear',
      [B, B, C, C, C, C],
      ['none', 'open', 'keep', 'keep', 'resolve', 'none'],
    ],
    [
      'a relapse while resolving keeps it open (no fire/resolve/fire)',
      [B, B, C, C, B, C, C, C],
      ['none', 'open', 'keep', 'keep', 'keep', 'keep', 'keep', 'resolve'],
    ],
    [
      'unknown neither advances nor resets a streak',
      [B, U, B, U, C, U, C, C],
      ['none', 'none', 'open', 'keep', 'keep', 'keep', 'keep', 'resolve'],
    ],
  ] as const)('%s', (_name, signals, expected) => {
    expect(run(signals).actions).toEqual(expected);
  });

  it('tracks when the alert opened and resets after resolving', () => {
    const { last } = run([C, B, B, C]);
    expect(last).toEqual({ phase: 'resolving', streak: 1, evaluations: 4, openedAt: 3 });
    expect(run([B, B, C, C, C]).last).toEqual({ phase: 'normal', streak: 0, evaluations: 5, openedAt: null });
  });

  it('honours custom minimum durations', () => {
    expect(run([B, C], { minBreachingToOpen: 1, minClearToResolve: 1 }).actions).toEqual(['open', 'resolve']);
    expect(run([B, B, B], { minBreachingToOpen: 3 }).actions).toEqual(['none', 'none', 'open']);
  });

  it('maps evaluation statuses to signals', () => {
    expect(toHysteresisSignal({ status: 'drifting' })).toBe('breaching');
    expect(toHysteresisSignal({ status: 'improving' })).toBe('clear');
    expect(toHysteresisSignal({ status: 'in_control' })).toBe('clear');
    expect(toHysteresisSignal({ status: 'insufficient_data' })).toBe('unknown');
  });
});
