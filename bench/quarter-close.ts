/**
 * 季审定 at city scale: `people` civil servants in `organs` organs, three graded months, then the
 * quarter-close job as the scheduler runs it (proposals per organ and pool, determination cards into
 * the outbox) — timed.
 */
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import pino from 'pino';
import { App } from '../src/app';
import type { Store } from '../src/db/connect';
import { MovableClock } from '../src/core/clock';
import quarterCloseJob from '../src/features/quarterly/quarter-close.job';
import { runJob } from '../src/jobs/runner';
import type { DeferredCard } from '../src/core/ports';
import { defaultRules } from '../src/core/rules/rules';
import { benchStore, type Dialect } from './stores';
import { seedCity } from './seed';
import { testConfig } from '../test/helpers/stores';
import { outputOf, ROOT, startFlags } from './child';

export const QUARTER = '2026-Q3';
const MONTHS = ['2026-07', '2026-08', '2026-09'];

export interface QuarterCloseResult {
  seconds: number;
  message: string;
  cards: number;
  /** The longest the close held the event loop (a webhook arriving then waited as long). */
  maxStallMs: number;
  /**
   * The queued cards built one after the other, as the sender builds each when its turn comes
   * (with `buildCards`): the work the close hands to the sending, spread there over the minutes
   * Lark's 1,000 a minute takes.
   */
  cardsBuiltSeconds?: number;
}

/** The app on a seeded city's store, on the day after 2026-Q3 closes, without workers (nothing is sent). */
export function closingApp(store: Store & { url: string }): Promise<App> {
  return App.create({
    config: testConfig({ appId: 'cli_bench000000001', appSecret: 's', baseUrl: 'http://127.0.0.1:9', databaseUrl: store.url }),
    rules: defaultRules(),
    store,
    log: pino({ level: 'silent' }),
    workers: false,
    clock: new MovableClock(new Date('2026-10-15T10:00:00+08:00')),
  });
}

export async function timeQuarterClose(dialect: Dialect, people: number, organs: number, buildCards = false): Promise<QuarterCloseResult> {
  const store = await benchStore(dialect);
  try {
    await seedCity(store.db, { people, organs, gradedMonths: MONTHS });
    const app = await closingApp(store);
    const stalls = stallWatch();
    const start = performance.now();
    // Through the job runner, as the scheduler runs it (its claim, and the heap's room to grow).
    const outcome = await runJob(app.deps, quarterCloseJob, app.deps.clock.now());
    const seconds = (performance.now() - start) / 1000;
    if (outcome.status !== 'done' || outcome.periodKey !== QUARTER) throw new Error(`quarter-close did not close ${QUARTER}: ${outcome.message}`);
    const message = outcome.message;
    const maxStallMs = stalls.stop();
    const row = await store.db.selectFrom('outbox').select((eb) => eb.fn.countAll().as('n')).executeTakeFirst();
    const result = { seconds, message, cards: Number(row?.n ?? 0), maxStallMs };
    return buildCards ? { ...result, cardsBuiltSeconds: await timeCardsBuilt(app) } : result;
  } finally {
    await store.dispose();
  }
}

/** Every deferred card in the outbox built in queue order, as the sender would (timed). */
async function timeCardsBuilt(app: App): Promise<number> {
  const rows = await app.deps.db.selectFrom('outbox').select('render').where('render', 'is not', null).orderBy('id').execute();
  const start = performance.now();
  for (const row of rows) {
    const card = await app.renderDeferred(JSON.parse(row.render!) as DeferredCard);
    if (card === null) throw new Error(`a queued card had nothing to show: ${row.render}`);
    JSON.stringify(card);
  }
  return (performance.now() - start) / 1000;
}

/**
 * timeQuarterClose in a process of its own started with `npm start`'s Node flags, as the
 * quarter-close job runs in a deployed bot. Those flags hold the young generation to 8 MB (for the
 * memory target under load), so the close collects garbage more often than in a process with
 * Node's defaults: 2.6 s there measured 2.8–3.4 s here on the same machine.
 */
export async function timeQuarterCloseAsServed(dialect: Dialect, people: number, organs: number, buildCards = false): Promise<QuarterCloseResult> {
  const output = await outputOf([...startFlags(), join(ROOT, 'bin/run-ts.mjs'), join(ROOT, 'bench/quarter-close-run.ts'), dialect, String(people), String(organs), buildCards ? 'build-cards' : '']);
  return JSON.parse(output.trim().split('\n').at(-1)!) as QuarterCloseResult;
}

/** The longest gap between turns of the event loop while it runs, seen by a 5 ms timer. */
function stallWatch(): { stop: () => number } {
  let last = performance.now();
  let longest = 0;
  const tick = () => {
    const now = performance.now();
    longest = Math.max(longest, now - last);
    last = now;
  };
  const timer = setInterval(tick, 5);
  return {
    stop: () => {
      tick();
      clearInterval(timer);
      return longest;
    },
  };
}
