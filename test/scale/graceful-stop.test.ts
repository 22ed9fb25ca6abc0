import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { buildOrg, LarkSandbox } from '../../src/sandbox';
import { createTestStore, dialectsUnderTest, type TestStore } from '../helpers/stores';
import { botEnv, driverFor, freshPostgresDatabase, importOrg, inParallel, killAllBots, planEvents, startBot, stopBot, until } from './cluster';

const START = new Date('2026-11-20T15:05:00+08:00');
const MESSAGES = 300;

/**
 * `serve` stopped with SIGTERM in the middle of work (a rolling restart): it stops taking requests,
 * finishes what it holds (the weekly prompt it is running, the events and messages it claimed),
 * exits 0, and the next instance finds nothing half-done and nothing lost.
 */
describe.each(dialectsUnderTest())('SIGTERM in the middle of work (%s)', (dialect) => {
  let store: TestStore | undefined;
  let sandbox: LarkSandbox | undefined;
  afterEach(async () => {
    await killAllBots();
    await sandbox?.stop();
    await store?.close();
  });

  it('finishes in-flight work, exits 0, and the next start loses nothing', async () => {
    const org = buildOrg({
      joinedOn: '2026-11-16',
      units: [{ id: 'D1', name: '第一处', leader: { name: '处长' }, staff: Array.from({ length: 149 }, (_, i) => ({ name: `人员${i}` })) }],
    });
    const appId = `cli_graceful${dialect === 'sqlite' ? '01' : '02'}aaaaa`;
    sandbox = new LarkSandbox({ appId, appSecret: 's', org, seed: 3 });
    const { url: larkUrl } = await sandbox.start(0);
    store =
      dialect === 'sqlite'
        ? await createTestStore('sqlite', { file: join(mkdtempSync(join(tmpdir(), 'pingshi-graceful-')), 'bot.db') })
        : await freshPostgresDatabase(process.env.TEST_POSTGRES_URL!);
    await importOrg(store, org, START);
    const env = botEnv({ appId, larkUrl, store, start: START }, { PINGSHI_SHUTDOWN_GRACE_SECONDS: '120' });
    const db = store.db;
    const first = await startBot(env);
    const events = planEvents(sandbox, org, appId, START, MESSAGES, 0);
    const driver = driverFor(first, appId, org);
    const acked = new Set<string>();
    // SIGTERM while requests are in flight and, if it is still going, the weekly prompt is being run.
    let jobRunningAtStop = false;
    const stopping = (async () => {
      await until('the first events to be acknowledged', () => acked.size >= 5, 60_000, 10);
      const job = await db.selectFrom('job_runs').select('status').where('job', '=', 'weekly-prompt').executeTakeFirst();
      jobRunningAtStop = job?.status === 'running';
      return stopBot(first, 'SIGTERM');
    })();
    await inParallel(events, 8, async (e) => {
      const r = await driver.deliverRaw(e.envelope);
      if (r.status === 200) acked.add(e.envelope.header.event_id);
    });
    if (process.env.SCALE_TIMINGS) console.log(`acknowledged ${acked.size} of ${MESSAGES}; weekly prompt running at SIGTERM: ${jobRunningAtStop}`);
    expect(await stopping).toEqual({ code: 0, signal: null });

    // Nothing is left half-done: the job it was running finished, no event or message is still claimed.
    const run = await db.selectFrom('job_runs').selectAll().where('job', '=', 'weekly-prompt').executeTakeFirstOrThrow();
    expect(run.status).toBe('done');
    expect(await db.selectFrom('inbox').select('event_id').where('status', '=', 'processing').execute()).toEqual([]);
    expect(await db.selectFrom('outbox').select('id').where('status', '=', 'sending').execute()).toEqual([]);
    // Every acknowledged event was kept: in the inbox, or still among the arrivals the next instance
    // admits (a busy machine may stop before the worker took them all); those refused while
    // stopping are what Lark re-sends.
    const stored = [...(await db.selectFrom('inbox').select('event_id').execute()), ...(await db.selectFrom('inbox_arrivals').select('event_id').execute())];
    const kept = new Set(stored.map((r) => r.event_id));
    for (const id of acked) expect(kept.has(id)).toBe(true);
    expect(acked.size).toBeLessThan(MESSAGES);

    const second = await startBot(env);
    const again = driverFor(second, appId, org);
    await inParallel(events.filter((e) => !acked.has(e.envelope.header.event_id)), 8, async (e) => {
      expect((await again.deliverRaw(e.envelope)).status).toBe(200);
    });
    await until(
      'the second instance to finish',
      async () =>
        (await db.selectFrom('inbox_arrivals').select('event_id').execute()).length === 0 &&
        (await db.selectFrom('inbox').select('event_id').where('status', '!=', 'done').execute()).length === 0 &&
        (await db.selectFrom('outbox').select('id').where('status', '!=', 'sent').execute()).length === 0,
      120_000,
      200,
    );
    const answers = await db.selectFrom('outbox').select('idem_key').where('idem_key', 'like', 'reply:%').execute();
    expect(new Set(answers.map((r) => r.idem_key.split(':')[1])).size).toBe(MESSAGES);
    expect(sandbox.messages()).toHaveLength((await db.selectFrom('outbox').select('id').execute()).length);
    expect(await db.selectFrom('job_runs').select('status').where('job', '=', 'weekly-prompt').execute()).toEqual([{ status: 'done' }]);
    expect(await stopBot(second, 'SIGTERM')).toEqual({ code: 0, signal: null });
  }, 300_000);
});
