import { BetterWhen, DriftFinding } from '../drift.types';

const RULE_TEXT: Record<NonNullable<DriftFinding['rule']>, string> = {
  beyond_3_sigma: 'a point beyond 3 sigma',
  two_of_three_beyond_2_sigma: '2 of 3 points beyond 2 sigma',
  eight_on_one_side: '8 points in a row on one side',
  six_trending: '6 points in a row trending',
};

function percent(x: number): string {
  const p = Math.abs(x) * 100;
  return `${p >= 10 ? p.toFixed(0) : p.toFixed(1)}%`;
}

/** One short English sentence explaining a finding, e.g. for alert emails and the CLI. */
export function describeFinding(f: Omit<DriftFinding, 'reason'>, betterWhen: BetterWhen): string {
  const since = f.startDate ?? `point ${f.startIndex}`;
  const verdict = f.direction === 'adverse' ? 'worse' : 'better';
  const why = `${verdict}, as ${betterWhen} is better`;
  const way = f.magnitude >= 0 ? 'up' : 'down';
  switch (f.kind) {
    case 'variance_change':
      return `Variability went ${way} ${percent(f.magnitude)} since ${since} (${f.direction === 'adverse' ? 'less' : 'more'} predictable).`;
    case 'trend': {
      const slope =
        f.slopePerPoint !== undefined
          ? `, Sen slope ${f.slopePerPoint >= 0 ? '+' : '-'}${percent(f.slopePerPoint)} per ${f.startDate ? 'day' : 'point'}`
          : '';
      return `Gradual ${f.magnitude >= 0 ? 'upward' : 'downward'} trend since ${since}, now ${percent(f.magnitude)} ${way}${slope}; ${why}.`;
    }
    case 'rule_violation':
      return `Control-chart rule (${f.rule ? RULE_TEXT[f.rule] : 'run rule'}) since ${since}, level ${way} ${percent(f.magnitude)}; ${why}.`;
    case 'level_shift':
    case 'small_shift':
      return `${f.kind === 'level_shift' ? 'Level shift' : 'Small persistent shift'} ${way} ${percent(f.magnitude)} (${f.score.toFixed(1)} noise sd) since ${since}; ${why}.`;
  }
}
