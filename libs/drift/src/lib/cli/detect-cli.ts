import { findBuiltInKpi } from '@kpi/domain';
import { BetterWhen, DriftFinding, SeriesInput } from '../drift.types';
import { parseIsoDay } from '../calendar/iso-day';
import { evaluateSeries } from '../evaluate-series';

/** What the backtest CLI prints and returns; tools/detect/detect.ts only does the IO. */
export interface CliOutcome {
  readonly stdout: string;
  readonly stderr: string;
  readonly exitCode: 0 | 2;
}

export interface DetectCliOptions {
  readonly kpi: string | null;
  readonly betterWhen: BetterWhen | null;
  readonly explain: boolean;
  readonly help: boolean;
  readonly seasonPeriod: number | null;
  readonly baselineLength: number | null;
}

/** One point of the input series: `t` is an ISO date (yyyy-mm-dd...) or a numeric index. */
export interface DetectCliPoint {
  readonly t: string | number;
  readonly value: number | null;
}

export interface DetectCliInput {
  readonly name: string;
  readonly series: readonly DetectCliPoint[];
}

/** One event of the output (a finding, with positions in the input order and the input's labels). */
export interface DetectCliEvent {
  readonly index: number;
  readonly t: string | number;
  readonly alarm_index: number;
  readonly alarm_t: string | number;
  readonly detector: string;
  readonly kind: string;
  readonly direction: string;
  readonly magnitude: number;
  readonly score: number;
  readonly explanation?: string;
}

export const DETECT_CLI_USAGE = `Usage: npm run detect -- [--kpi CODE] [--lower-is-better | --higher-is-better] [--explain]
                       [--season N] [--baseline N] < series.json

Backtests the default drift detection (@kpi/drift evaluateSeries) on one series.
stdin:  {"name": "...", "series": [{"t": "<ISO date or index>", "value": <number or null>}, ...]}
stdout: {"changepoints": [<0-based input indices where a new regime starts>], "events": [...]}
        each event: index, t, alarm_index, alarm_t (when it was detected), detector, kind
        (level_shift | small_shift | trend | variance_change | rule_violation), direction
        (adverse | favourable), magnitude (relative change vs the level before), score (noise sd).

Options:
  --kpi CODE          take the direction from the KPI catalog (e.g. aht is lower is better)
  --lower-is-better   without --kpi: a rise is bad (default: higher is better)
  --higher-is-better  explicit default; also needed for target-band KPIs such as occupancy
  --explain           add an "explanation" field (one English sentence) to every event,
                      and a one-line summary on stderr
  --season N          season length in points (default 7 for daily dates, none otherwise)
  --baseline N        number of valid points learned as the baseline (default 8 seasons / 30)
  --help              this text

Dates may be irregular and values null; numeric t only orders the points. Input that is not
sorted by t is sorted; indices always refer to the input order. Exit code 2 on bad input.`;

/** Parses the command-line arguments; returns an error message for unknown or malformed ones. */
export function parseDetectCliArgs(args: readonly string[]): DetectCliOptions | { error: string } {
  let kpi: string | null = null;
  let betterWhen: BetterWhen | null = null;
  let explain = false;
  let help = false;
  let seasonPeriod: number | null = null;
  let baselineLength: number | null = null;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    const [flag, inline] =
      arg.startsWith('--') && arg.includes('=')
        ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)]
        : [arg, undefined];
    const value = (): string | null =>
      inline !== undefined ? inline : i + 1 < args.length ? args[++i] : null;
    switch (flag) {
      case '--kpi': {
        const v = value();
        if (!v) return { error: '--kpi needs a KPI code, e.g. --kpi aht' };
        kpi = v;
        break;
      }
      case '--lower-is-better':
        betterWhen = 'lower';
        break;
      case '--higher-is-better':
        betterWhen = 'higher';
        break;
      case '--explain':
        explain = true;
        break;
      case '--help':
      case '-h':
        help = true;
        break;
      case '--season':
      case '--baseline': {
        const v = value();
        const n = v === null ? Number.NaN : Number(v);
        if (!Number.isInteger(n) || n < 0) return { error: `${flag} needs a non-negative integer` };
        if (flag === '--season') seasonPeriod = n;
        else baselineLength = n;
        break;
      }
      default:
        return { error: `Unknown argument ${arg} (see --help)` };
    }
  }
  return { kpi, betterWhen, explain, help, seasonPeriod, baselineLength };
}

/** Parses and validates the stdin JSON; returns a one-line error message when it is malformed. */
export function parseDetectCliInput(text: string): DetectCliInput | { error: string } {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    return { error: `stdin is not valid JSON: ${(e as Error).message.replace(/\s+/g, ' ').trim()}` };
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data))
    return { error: 'stdin must be a JSON object {"name": ..., "series": [...]}' };
  const obj = data as Record<string, unknown>;
  if (obj['name'] !== undefined && typeof obj['name'] !== 'string')
    return { error: '"name" must be a string' };
  const series = obj['series'];
  if (!Array.isArray(series)) return { error: '"series" must be an array of {"t": ..., "value": ...}' };
  const points: DetectCliPoint[] = [];
  for (let i = 0; i < series.length; i++) {
    const p = series[i] as unknown;
    if (typeof p !== 'object' || p === null || Array.isArray(p))
      return { error: `series[${i}] must be an object {"t": ..., "value": ...}` };
    const { t, value } = p as Record<string, unknown>;
    if (typeof t === 'number') {
      if (!Number.isFinite(t)) return { error: `series[${i}].t must be a finite number or an ISO date` };
    } else if (typeof t === 'string') {
      if (!Number.isFinite(parseIsoDay(t)))
        return { error: `series[${i}].t "${t}" is not an ISO date (yyyy-mm-dd) or an index` };
    } else {
      return { error: `series[${i}].t must be an ISO date string or a number` };
    }
    if (value !== null && (typeof value !== 'number' || !Number.isFinite(value)))
      return { error: `series[${i}].value must be a number or null` };
    points.push({ t, value: value as number | null });
  }
  const kinds = new Set(points.map((p) => typeof p.t));
  if (kinds.size > 1) return { error: 'series[].t must be all ISO dates or all numbers, not a mix' };
  return { name: typeof obj['name'] === 'string' ? obj['name'] : '', series: points };
}

/** Resolves the direction: --kpi from the catalog, else the explicit flag, else higher is better. */
export function resolveDetectDirection(options: DetectCliOptions): BetterWhen | { error: string } {
  if (options.kpi !== null) {
    const kpi = findBuiltInKpi(options.kpi);
    if (!kpi) return { error: `Unknown KPI code "${options.kpi}"` };
    if (kpi.direction === 'lower_is_better') return 'lower';
    if (kpi.direction === 'higher_is_better') return 'higher';
    if (options.betterWhen !== null) return options.betterWhen;
    return {
      error: `KPI "${kpi.code}" is judged against a target band; pass --higher-is-better or --lower-is-better`,
    };
  }
  return options.betterWhen ?? 'higher';
}

/** Builds the output object from the findings (indices mapped back to the input order). */
export function formatDetectCliOutput(
  findings: readonly DriftFinding[],
  order: readonly number[],
  labels: readonly (string | number)[],
  explain: boolean,
): { changepoints: number[]; events: DetectCliEvent[] } {
  const events = findings.map((f): DetectCliEvent => {
    const event: DetectCliEvent = {
      index: order[f.startIndex],
      t: labels[f.startIndex],
      alarm_index: order[f.alarmIndex],
      alarm_t: labels[f.alarmIndex],
      detector: f.detector,
      kind: f.kind,
      direction: f.direction,
      magnitude: round(f.magnitude, 6),
      score: round(f.score, 3),
    };
    if (!explain) return event;
    const delay = f.alarmIndex - f.startIndex;
    const detected =
      delay > 0
        ? ` Detected ${delay} point${delay === 1 ? '' : 's'} later (${labels[f.alarmIndex]}) by ${f.detector}.`
        : ` Detected at once by ${f.detector}.`;
    return { ...event, explanation: f.reason + detected };
  });
  const changepoints = [...new Set(events.map((e) => e.index))].sort((a, b) => a - b);
  return { changepoints, events };
}

/**
 * The whole backtest CLI as a pure function of stdin and the arguments (no IO), so it is testable.
 * Exit code 0 with the JSON on stdout, or 2 with a one-line error on stderr.
 */
export function runDetectCli(stdinText: string, args: readonly string[]): CliOutcome {
  const fail = (message: string): CliOutcome => ({ stdout: '', stderr: `detect: ${message}\n`, exitCode: 2 });
  const options = parseDetectCliArgs(args);
  if ('error' in options) return fail(options.error);
  if (options.help) return { stdout: `${DETECT_CLI_USAGE}\n`, stderr: '', exitCode: 0 };
  const betterWhen = resolveDetectDirection(options);
  if (typeof betterWhen === 'object') return fail(betterWhen.error);
  const input = parseDetectCliInput(stdinText);
  if ('error' in input) return fail(input.error);

  // Stable sort by t; `order[k]` is the input position of the k-th point in time order.
  const order = input.series.map((_, i) => i);
  const key = (p: DetectCliPoint) => (typeof p.t === 'number' ? p.t : parseIsoDay(p.t));
  order.sort((a, b) => key(input.series[a]) - key(input.series[b]) || a - b);
  const sorted = order.map((i) => input.series[i]);
  const usesDates = sorted.length > 0 && typeof sorted[0].t === 'string';
  const seriesInput: SeriesInput = {
    values: sorted.map((p) => p.value),
    dates: usesDates ? sorted.map((p) => String(p.t)) : undefined,
    betterWhen,
    ...(options.seasonPeriod !== null ? { seasonPeriod: options.seasonPeriod } : {}),
    ...(options.baselineLength !== null ? { baselineLength: options.baselineLength } : {}),
  };
  const result = evaluateSeries(seriesInput);
  const output = formatDetectCliOutput(
    result.findings,
    order,
    sorted.map((p) => p.t),
    options.explain,
  );
  const summary = options.explain
    ? `${input.name || 'series'}: ${result.status}, ${result.findings.length} event(s) in ${sorted.length} points (${betterWhen} is better).\n`
    : '';
  return { stdout: `${JSON.stringify(output)}\n`, stderr: summary, exitCode: 0 };
}

function round(x: number, digits: number): number {
  if (!Number.isFinite(x)) return x;
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}
