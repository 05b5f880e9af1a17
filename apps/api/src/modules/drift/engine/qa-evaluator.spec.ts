import { seededRandom } from '../../demo/demo-data';
import { QA_FDR, QA_MIN_AUTO_FAIL_RISE, QA_MIN_SCORE_DROP } from '../drift.constants';
import { buildQaGroups, QaSliceDay, runQaEvaluation } from './qa-evaluator';
import { levelOf, qaGroupKey } from './series-model';

const START = '2026-01-01';
const date = (i: number) =>
  new Date(Date.parse(`${START}T00:00:00Z`) + i * 86_400_000).toISOString().slice(0, 10);
const settings = { fdr: QA_FDR, minScoreDrop: QA_MIN_SCORE_DROP, minAutoFailRise: QA_MIN_AUTO_FAIL_RISE };

/** 14 evaluations a day per team; team "B" loses 6 points of QA score from day 150. */
function rows(days: number): QaSliceDay[] {
  const out: QaSliceDay[] = [];
  for (const team of ['A', 'B', 'C']) {
    const rand = seededRandom(team.charCodeAt(0));
    for (let i = 0; i < days; i++) {
      const level = 0.92 - (team === 'B' && i >= 150 ? 0.06 : 0) + (rand() - 0.5) * 0.04;
      out.push({
        siteId: 'S',
        serviceLine: 'voice',
        queue: team,
        date: date(i),
        totals: {
          pointsEarned: Math.round(1400 * level),
          pointsPossible: 1400,
          evaluations: 14,
          autoFails: 0,
        },
      });
    }
  }
  return out;
}

describe('runQaEvaluation', () => {
  const groups = buildQaGroups('P', rows(200), qaGroupKey, levelOf);
  const keys = new Set(groups.map((g) => g.key));

  it('groups the provider, each site and each team', () => {
    expect([...keys].sort()).toEqual([
      'qa:P/*/*/*',
      'qa:P/S/*/*',
      'qa:P/S/voice/A',
      'qa:P/S/voice/B',
      'qa:P/S/voice/C',
    ]);
  });

  it('flags the team that regressed (and the levels above it), not the stable teams', () => {
    const runs = runQaEvaluation(groups, new Map(), keys, settings);
    const opened = runs.filter((r) => r.episodes.some((e) => e.direction === 'adverse')).map((r) => r.key);
    expect(opened).toContain('qa:P/S/voice/B');
    expect(opened).not.toContain('qa:P/S/voice/A');
    expect(opened).not.toContain('qa:P/S/voice/C');
    const team = runs.find((r) => r.key === 'qa:P/S/voice/B')!;
    const episode = team.episodes.find((e) => e.direction === 'adverse')!;
    expect(episode.openedOn > date(150)).toBe(true);
    expect(episode.openedOn < date(170)).toBe(true);
    expect(team.last?.result.score.status).toBe('regressed');
  });

  it('continuing day by day from the stored groups gives the same tracks as one pass', () => {
    const whole = runQaEvaluation(groups, new Map(), keys, settings);
    const firstGroups = buildQaGroups('P', rows(160), qaGroupKey, levelOf);
    const first = runQaEvaluation(firstGroups, new Map(), keys, settings);
    const stored = new Map(first.map((r) => [r.key, r.next]));
    const second = runQaEvaluation(groups, stored, new Set(), settings);
    for (const r of second) {
      expect(r.mode).toBe('incremental');
      expect(r.next.tracks).toEqual(whole.find((w) => w.key === r.key)!.next.tracks);
    }
  });
});
