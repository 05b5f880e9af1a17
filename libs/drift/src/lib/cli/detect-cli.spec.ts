import { aSeries } from '@kpi/testing';
import { parseDetectCliArgs, runDetectCli } from './detect-cli';

const WEEK = [1.1, 1, 1, 1, 0.95, 0.8, 0.7];

/** AHT-like series (lower is better) rising 10 % at index 150, with nulls and irregular dates. */
function ahtPayload(gaps = 0.05): { name: string; series: { t: string; value: number | null }[] } {
  const s = aSeries({ seed: 42 })
    .daily(220, '2024-01-01')
    .level(300)
    .noise(0.03)
    .weekly(WEEK)
    .withStep(150, 0.1)
    .withMissingAt([20, 151, 170])
    .withGaps(gaps)
    .build();
  return { name: 'aht site MTY', series: s.values.map((value, i) => ({ t: s.dates[i], value })) };
}

describe('runDetectCli', () => {
  it('prints changepoints and events; --kpi aht makes a rise adverse', () => {
    const payload = ahtPayload();
    const out = runDetectCli(JSON.stringify(payload), ['--kpi', 'aht']);
    expect(out.exitCode).toBe(0);
    expect(out.stderr).toBe('');
    const json = JSON.parse(out.stdout);
    expect(Object.keys(json)).toEqual(['changepoints', 'events']);
    expect(json.changepoints).toEqual([150]);
    expect(json.events).toHaveLength(1);
    expect(json.events[0]).toMatchObject({
      index: 150,
      t: payload.series[150].t,
      kind: 'level_shift',
      direction: 'adverse',
      detector: 'cusum',
    });
    expect(json.events[0].alarm_index).toBeGreaterThan(150);
    expect(json.events[0].magnitude).toBeCloseTo(0.1, 1);
    expect(json.events[0].explanation).toBeUndefined();
  });

  it('defaults to higher is better, or --lower-is-better', () => {
    const text = JSON.stringify(ahtPayload());
    expect(JSON.parse(runDetectCli(text, []).stdout).events[0].direction).toBe('favourable');
    expect(JSON.parse(runDetectCli(text, ['--lower-is-better']).stdout).events[0].direction).toBe('adverse');
  });

  it('--explain adds an explanation per event and a summary on stderr', () => {
    const out = runDetectCli(JSON.stringify(ahtPayload()), ['--kpi=aht', '--explain']);
    const event = JSON.parse(out.stdout).events[0];
    expect(event.explanation).toMatch(
      /^Level shift up \d+(\.\d)?% \(\d+\.\d noise sd\) since 2024-\d\d-\d\d; worse, as lower is better\. Detected \d+ points? later \(2024-\d\d-\d\d\) by cusum\.$/,
    );
    expect(out.stderr).toBe('aht site MTY: drifting, 1 event(s) in 220 points (lower is better).\n');
  });

  it('accepts numeric t, unsorted input (indices stay in input order) and an empty series', () => {
    // Numeric t carries no calendar: the season is by position, so use gap-free days here.
    const payload = ahtPayload(0);
    const numeric = payload.series.map((p, i) => ({ t: i, value: p.value }));
    const shuffled = [...numeric.slice(100), ...numeric.slice(0, 100)];
    const json = JSON.parse(
      runDetectCli(JSON.stringify({ name: 'x', series: shuffled }), ['--lower-is-better', '--season', '7'])
        .stdout,
    );
    expect(json.changepoints).toEqual([50]);
    expect(shuffled[50].t).toBe(150);
    expect(runDetectCli('{"name":"empty","series":[]}', []).stdout).toBe('{"changepoints":[],"events":[]}\n');
  });

  it.each([
    ['malformed JSON', '{"series": [', [], /^detect: stdin is not valid JSON: /],
    [
      'not JSON at all, with a trailing newline',
      'not json\n',
      [],
      /^detect: stdin is not valid JSON: .*not valid JSON$/,
    ],
    ['not an object', '[1, 2]', [], /^detect: stdin must be a JSON object/],
    ['series missing', '{"name": "x"}', [], /^detect: "series" must be an array/],
    ['point not an object', '{"series": [3]}', [], /^detect: series\[0\] must be an object/],
    [
      'value a string',
      '{"series": [{"t": 0, "value": "12"}]}',
      [],
      /^detect: series\[0\]\.value must be a number or null$/,
    ],
    [
      't not a date',
      '{"series": [{"t": "yesterday", "value": 1}]}',
      [],
      /^detect: series\[0\]\.t "yesterday" is not an ISO date/,
    ],
    [
      't missing',
      '{"series": [{"value": 1}]}',
      [],
      /^detect: series\[0\]\.t must be an ISO date string or a number$/,
    ],
    [
      'mixed t',
      '{"series": [{"t": 0, "value": 1}, {"t": "2024-01-02", "value": 1}]}',
      [],
      /^detect: series\[\]\.t must be all ISO dates or all numbers/,
    ],
    ['name not a string', '{"name": 3, "series": []}', [], /^detect: "name" must be a string$/],
    ['unknown KPI', '{"series": []}', ['--kpi', 'nope'], /^detect: Unknown KPI code "nope"$/],
    ['band KPI without direction', '{"series": []}', ['--kpi', 'occupancy'], /target band/],
    ['unknown flag', '{"series": []}', ['--frobnicate'], /^detect: Unknown argument --frobnicate/],
    ['--kpi without value', '{"series": []}', ['--kpi'], /^detect: --kpi needs a KPI code/],
  ])('%s: one-line error on stderr, exit code 2', (_name, stdin, args, message) => {
    const out = runDetectCli(stdin, args);
    expect(out.exitCode).toBe(2);
    expect(out.stdout).toBe('');
    expect(out.stderr.endsWith('\n')).toBe(true);
    expect(out.stderr.trimEnd()).toMatch(message);
    expect(out.stderr.trimEnd().split('\n')).toHaveLength(1);
  });

  it('a band KPI works once a direction is given, and --help prints the usage', () => {
    expect(runDetectCli('{"series": []}', ['--kpi', 'occupancy', '--higher-is-better']).exitCode).toBe(0);
    const help = runDetectCli('', ['--help']);
    expect(help.exitCode).toBe(0);
    expect(help.stdout).toMatch(/^Usage: npm run detect -- \[--kpi CODE\]/);
    expect(help.stdout).toContain('--explain');
  });
});

describe('parseDetectCliArgs', () => {
  it('parses every flag', () => {
    expect(
      parseDetectCliArgs([
        '--kpi',
        'csat',
        '--explain',
        '--season=5',
        '--baseline',
        '40',
        '--lower-is-better',
      ]),
    ).toEqual({
      kpi: 'csat',
      betterWhen: 'lower',
      explain: true,
      help: false,
      seasonPeriod: 5,
      baselineLength: 40,
    });
    expect(parseDetectCliArgs(['--season', 'x'])).toEqual({ error: '--season needs a non-negative integer' });
  });
});
