/**
 * `npm run bench [-- --quick] [--db sqlite|postgres] [--only load,quarter,fanout,micro]`
 *
 * One `name: value` line per figure, `.sqlite` / `.postgres` naming the database (PostgreSQL when
 * BENCH_POSTGRES_URL or TEST_POSTGRES_URL is set). Ratios compare with baselines measured in the
 * same run. `--quick` (under a minute) uses small sizes; the full run takes several minutes. See
 * BENCHMARKS.md for the targets and the latest figures.
 */
import { performance } from 'node:perf_hooks';
import { cpuTicks, fanoutBenchmark, FULL, loadBenchmarks, machine, printLine, QUICK, quarterCloseBenchmarks, stealPercent } from './harness';
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
// How long each section took, so what keeps the full run over its 10 minutes can be seen.
async function timed(section: string, run: () => Promise<void>): Promise<void> {
  const t = performance.now();
  const ticks = cpuTicks();
  await run();
  printLine(`bench_section_s.${section}`, (performance.now() - t) / 1000, 1);
  const stolen = stealPercent(ticks, cpuTicks());
  if (stolen !== null) printLine(`machine_steal_pct.${section}`, stolen, 1);
}
for (const dialect of dialects) {
  if (only.has('load')) await timed(`load.${dialect}`, () => loadBenchmarks(dialect, sizes, printLine));
  if (only.has('quarter')) await timed(`quarter.${dialect}`, () => quarterCloseBenchmarks(dialect, sizes, printLine));
  if (only.has('fanout')) await timed(`fanout.${dialect}`, () => fanoutBenchmark(dialect, sizes, printLine));
}
if (only.has('micro') && !quick) await timed('micro', microBenchmarks);
printLine('bench_seconds', (performance.now() - started) / 1000, 1);
