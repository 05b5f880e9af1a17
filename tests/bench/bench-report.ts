/** Helpers every benchmark uses to print figures and hand them to tests/bench/run.mjs. */
const RESULT_MARKER = 'BENCH_RESULT ';

/** Prints one figure next to its baseline so the reader sees both from the same run. */
export function printFigure(name: string, value: number, unit: string, baseline?: { name: string; value: number; unit?: string }): void {
  const shown = Number.isInteger(value) ? String(value) : value.toFixed(3);
  const base = baseline
    ? `   (baseline ${baseline.name}: ${Number.isInteger(baseline.value) ? baseline.value : baseline.value.toFixed(3)} ${baseline.unit ?? unit})`
    : '';
  console.log(`${name.padEnd(40)} ${shown} ${unit}${base}`);
}

/** Emits the figures of this group; call once at the end of a benchmark file. */
export function reportFigures(figures: Record<string, number>): void {
  console.log(RESULT_MARKER + JSON.stringify(figures));
}

export async function timeIt<T>(fn: () => Promise<T> | T): Promise<{ result: T; ms: number }> {
  const start = process.hrtime.bigint();
  const result = await fn();
  return { result, ms: Number(process.hrtime.bigint() - start) / 1e6 };
}
