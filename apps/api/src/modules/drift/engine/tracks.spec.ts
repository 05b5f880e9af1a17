import { HysteresisSignal } from '@kpi/drift';
import { TrackRunner } from './tracks';

const B: HysteresisSignal = 'breaching';
const C: HysteresisSignal = 'clear';
const U: HysteresisSignal = 'unknown';
const day = (i: number) => `2026-03-${String(i + 1).padStart(2, '0')}`;

function run(signals: HysteresisSignal[], runner = new TrackRunner<string>(null)) {
  signals.forEach((s, i) => runner.step('drift', 'adverse', s, day(i), `info ${i}`, () => 'back_in_control'));
  return runner;
}

describe('TrackRunner', () => {
  it.each([
    ['one breaching day opens nothing', [B, C, C], []],
    [
      'opens on the second breaching day, still open at the end',
      [C, B, B, B],
      [{ openedOn: day(2), resolvedOn: null, info: 'info 2' }],
    ],
    [
      'resolves after 3 clear days',
      [B, B, C, C, C],
      [{ openedOn: day(1), resolvedOn: day(4), resolution: 'back_in_control' }],
    ],
    [
      'a relapse while clearing keeps it one event',
      [B, B, C, C, B, C, C, C],
      [{ openedOn: day(1), resolvedOn: day(7) }],
    ],
    ['no data neither opens nor resolves', [B, U, B, C, U, C, C], [{ openedOn: day(2), resolvedOn: day(6) }]],
  ] as const)('%s', (_name, signals, episodes) => {
    const r = run([...signals]);
    expect(r.episodes).toHaveLength(episodes.length);
    episodes.forEach((e, i) =>
      expect(r.episodes[i]).toMatchObject({ ...e, carried: false, kind: 'drift', direction: 'adverse' }),
    );
  });

  it('continues a stored open alert (carried) and stepping the rest gives the same as one long run', () => {
    const signals = [C, B, B, B, C, C, C, C];
    const whole = run(signals);
    const first = run(signals.slice(0, 4));
    const second = new TrackRunner<string>(first.snapshot());
    signals
      .slice(4)
      .forEach((s, i) => second.step('drift', 'adverse', s, day(i + 4), null, () => 'back_in_control'));
    expect(second.snapshot()).toEqual(whole.snapshot());
    expect(second.episodes).toEqual([
      expect.objectContaining({ openedOn: day(2), resolvedOn: day(6), carried: true, info: null }),
    ]);
  });

  it('keeps one open alert per kind: the other direction closes it', () => {
    const r = new TrackRunner<string>(null);
    const step = (direction: 'adverse' | 'favourable', s: HysteresisSignal, i: number) =>
      r.step('drift', direction, s, day(i), direction, () => 'back_in_control');
    [B, B, B].forEach((s, i) => {
      step('adverse', s, i);
      step('favourable', C, i);
    });
    // The recovery: adverse clears while favourable breaches; favourable opens first (2 < 3).
    [3, 4].forEach((i) => {
      step('adverse', C, i);
      step('favourable', B, i);
    });
    expect(r.isOpen('drift', 'adverse')).toBe(false);
    expect(r.isOpen('drift', 'favourable')).toBe(true);
    expect(r.episodes.map((e) => [e.direction, e.openedOn, e.resolvedOn, e.resolution])).toEqual([
      ['adverse', day(1), day(4), 'back_in_control'],
      ['favourable', day(4), null, null],
    ]);
  });

  it('closes everything at once when a series is no longer monitored', () => {
    const r = run([B, B]);
    r.closeAll(day(5), 'disabled');
    expect(r.episodes[0]).toMatchObject({ resolvedOn: day(5), resolution: 'disabled' });
    expect(r.isOpen('drift', 'adverse')).toBe(false);
  });

  it('honours custom minimum durations', () => {
    const r = new TrackRunner<string>(null);
    [B, B, C, C, C, C, C, C].forEach((s, i) =>
      r.step('qa_regression', 'adverse', s, day(i), null, () => 'back_in_control', { minClearToResolve: 7 }),
    );
    expect(r.isOpen('qa_regression', 'adverse')).toBe(true);
  });
});
