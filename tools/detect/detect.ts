/**
 * Backtest CLI: `npm run detect -- [--kpi CODE] [--lower-is-better] [--explain] < series.json`.
 * Only IO lives here; parsing, detection and formatting are runDetectCli in @kpi/drift (tested there).
 */
import { runDetectCli } from '@kpi/drift';

function readStdin(): Promise<string> {
  return new Promise((resolve, reject) => {
    if (process.stdin.isTTY) {
      resolve('');
      return;
    }
    const chunks: Buffer[] = [];
    process.stdin.on('data', (c: Buffer) => chunks.push(c));
    process.stdin.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    process.stdin.on('error', reject);
  });
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const wantsHelp = args.includes('--help') || args.includes('-h');
  const text = wantsHelp ? '' : await readStdin();
  const outcome = runDetectCli(text, args);
  if (outcome.stdout) process.stdout.write(outcome.stdout);
  if (outcome.stderr) process.stderr.write(outcome.stderr);
  process.exitCode = outcome.exitCode;
}

main().catch((e: unknown) => {
  process.stderr.write(`detect: ${(e as Error).message}\n`);
  process.exitCode = 2;
});
