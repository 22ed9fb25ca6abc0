/**
 * `npm run bench [-- --quick] [--db sqlite|postgres] [--only load,quarter,fanout,micro]`
 *
 * One `name: value` line per figure, `.sqlite` / `.postgres` naming the database (PostgreSQL when
 * BENCH_POSTGRES_URL or TEST_POSTGRES_URL is set). Ratios compare with baselines measured in the
 * same run. `--quick` (under a minute) uses small sizes; the full run takes several minutes. See
 * BENCHMARKS.md for the targets and the latest figures.
 */
import { performance } from 'node:perf_hooks';
import { fanoutBenchmark, FULL, loadBenchmarks, machine, printLine, QUICK, quarterCloseBenchmarks } from './harness';
import { microBenchmarks } from './micro';
import { postgresUrl, type Dialect } from './stores';

const arg = (name: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
};
const quick = process.argv.includes('--quick');
const sizes = quick ? QUICK : FULL;
const dialects: Dialect[] = arg('db') ? [arg('db') as Dialect] : ['sqlite', ...(postgresUrl() ? (['postgres'] as const) : [])];
const only = new Set((arg('only') ?? 'load,quarter,fanout,micro').split(','));

const started = performance.now();
printLine('bench_mode', quick ? 'quick' : 'full');
printLine('bench_machine', machine());
for (const dialect of dialects) {
  if (only.has('load')) await loadBenchmarks(dialect, sizes, printLine);
  if (only.has('quarter')) await quarterCloseBenchmarks(dialect, sizes, printLine);
  if (only.has('fanout')) await fanoutBenchmark(dialect, sizes, printLine);
}
if (only.has('micro') && !quick) await microBenchmarks();
printLine('bench_seconds', (performance.now() - started) / 1000, 1);
