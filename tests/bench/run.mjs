#!/usr/bin/env node
// Runs every benchmark group (tests/bench/<group>/*.bench.ts), each in its own process so memory
// figures do not leak between groups, and merges their figures into tests/bench/results.json.
// Usage: npm run bench [-- --only <prefix>]   (prefix of a group folder or of a figure name)
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const benchDir = dirname(fileURLToPath(import.meta.url));
const root = join(benchDir, '..', '..');
const resultsFile = join(benchDir, 'results.json');
const RESULT_MARKER = 'BENCH_RESULT ';

const onlyIndex = process.argv.indexOf('--only');
const only = onlyIndex >= 0 ? process.argv[onlyIndex + 1] : undefined;
if (onlyIndex >= 0 && !only) {
  console.error('--only needs a prefix, e.g. --only ingest');
  process.exit(2);
}

const files = readdirSync(benchDir, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .flatMap((d) =>
    readdirSync(join(benchDir, d.name))
      .filter((f) => f.endsWith('.bench.ts'))
      .map((f) => ({ group: d.name, file: join(benchDir, d.name, f) })),
  )
  .filter(({ group }) => !only || group.startsWith(only) || only.startsWith(group))
  .sort((a, b) => a.group.localeCompare(b.group));

if (files.length === 0) {
  console.error(`No benchmark matches "${only}".`);
  process.exit(2);
}

const results = existsSync(resultsFile) ? JSON.parse(readFileSync(resultsFile, 'utf8')) : {};
let failed = 0;
for (const { group, file } of files) {
  console.log(`\n=== bench ${group}: ${relative(root, file)}`);
  const run = spawnSync(process.execPath, ['--expose-gc', '-r', '@swc-node/register', file], {
    cwd: root,
    env: { ...process.env, SWC_NODE_PROJECT: join(root, 'tsconfig.base.json'), BENCH_ONLY: only ?? '' },
    stdio: ['ignore', 'pipe', 'inherit'],
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  for (const line of run.stdout.split('\n')) {
    if (line.startsWith(RESULT_MARKER)) {
      const figures = JSON.parse(line.slice(RESULT_MARKER.length));
      for (const [name, value] of Object.entries(figures)) {
        if (!only || name.startsWith(only) || group.startsWith(only)) results[name] = value;
      }
    } else if (line.length > 0) {
      console.log(line);
    }
  }
  if (run.status !== 0) {
    failed++;
    console.error(`bench ${group} failed with exit code ${run.status}`);
  }
}
writeFileSync(resultsFile, JSON.stringify(results, null, 2) + '\n');
console.log(`\nFigures written to ${relative(root, resultsFile)}`);
process.exit(failed === 0 ? 0 : 1);
