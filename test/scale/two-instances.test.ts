import { afterEach, describe, expect, it } from 'vitest';
import { larkUuid } from '../../src/lark/outbox-worker';
import { buildOrg, LarkSandbox } from '../../src/sandbox';
import { dialectsUnderTest, type TestStore } from '../helpers/stores';
import { botEnv, driverFor, freshPostgresDatabase, killAllBots, importOrg, inParallel, planEvents, startBot, stopBot, until, type Bot } from './cluster';

// The week's last workday, after 15:00: the weekly prompt is due the moment an instance starts.
const START = new Date('2026-11-20T15:05:00+08:00');
const MESSAGES = 700;
const REPUSHES = 300; // 1,000 events in all, each delivered to both instances
const LEASE = '3';

const onPostgres = dialectsUnderTest().includes('postgres');
if (!onPostgres) console.warn('two-instance scale test skipped: it needs PostgreSQL (set TEST_POSTGRES_URL)');

describe.skipIf(!onPostgres)('two instances on one PostgreSQL database', () => {
  let store: TestStore | undefined;
  let sandbox: LarkSandbox | undefined;
  const bots: Bot[] = [];
  afterEach(async () => {
    bots.splice(0);
    await killAllBots();
    await sandbox?.stop();
    await store?.close();
  });

  it('does every effect exactly once when the same 1,000 events reach both, both start the weekly prompt, and one is killed', async () => {
    const org = buildOrg({
      joinedOn: '2026-11-16',
      units: [1, 2].map((n) => ({
        id: `D${n}`,
        name: `第${n}处`,
        leader: { name: `处长${n}` },
        staff: Array.from({ length: 99 }, (_, i) => ({ name: `人员${n}-${i}` })),
      })),
    });
    const appId = 'cli_scale0000000001';
    sandbox = new LarkSandbox({ appId, appSecret: 's', org, seed: 11 });
    const { url: larkUrl } = await sandbox.start(0);
    store = await freshPostgresDatabase(process.env.TEST_POSTGRES_URL!);
    await importOrg(store, org, START);
    const env = botEnv({ appId, larkUrl, store, start: START }, {
      PINGSHI_OUTBOX_LEASE_SECONDS: '5',
      PINGSHI_INBOX_LEASE_SECONDS: LEASE,
      PINGSHI_JOB_LEASE_SECONDS: LEASE,
      PINGSHI_DB_POOL_SIZE: '5',
    });
    // Both start at the same moment, so both look for the due weekly prompt at once.
    const t0 = Date.now();
    const lap = (what: string) => process.env.SCALE_TIMINGS && console.log(`${((Date.now() - t0) / 1000).toFixed(1)} s ${what} (sent ${sandbox!.messages().length})`);
    bots.push(...(await Promise.all([startBot(env), startBot(env)])));
    lap('both listening');
    const [a, b] = bots as [Bot, Bot];
    const events = planEvents(sandbox, org, appId, START, MESSAGES, REPUSHES);
    const drivers = [driverFor(a, appId, org), driverFor(b, appId, org)];
    const db = store.db;

    // Kill whichever instance holds the weekly prompt's claim once sending is under way.
    let victim: Bot | undefined;
    const killer = (async () => {
      await until('sending under way', () => sandbox!.messages().length >= 150, 120_000, 20);
      const run = await db.selectFrom('job_runs').select(['instance', 'status']).where('job', '=', 'weekly-prompt').executeTakeFirst();
      victim = bots.find((x) => run?.status === 'running' && run.instance.endsWith(`:${x.pid}`)) ?? a;
      await stopBot(victim, 'SIGKILL');
      lap(`killed ${victim === a ? 'a' : 'b'} (job ${run?.status})`);
    })();
    const acked = [new Set<string>(), new Set<string>()];
    await inParallel(events, 12, async (e) => {
      await Promise.all(
        drivers.map(async (d, i) => {
          const r = await d.deliverRaw(e.envelope);
          if (r.status === 200) acked[i]!.add(e.envelope.header.event_id);
        }),
      );
    });
    lap('all delivered');
    await killer;
    const survivor = victim === a ? b : a;
    const survivorAcks = acked[survivor === a ? 0 : 1]!;
    // The survivor acknowledged every event (the dead one only those before it died).
    expect(survivorAcks.size).toBe(MESSAGES + REPUSHES);

    const count = async (table: 'inbox' | 'outbox', column: 'status', values: string[]) =>
      Number((await db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).where(column, 'in', values).executeTakeFirstOrThrow()).n);
    await until(
      'the survivor to finish everything',
      async () => {
        const job = await db.selectFrom('job_runs').select('status').where('job', '=', 'weekly-prompt').executeTakeFirst();
        return job?.status === 'done' && (await count('inbox', 'status', ['pending', 'processing'])) === 0 && (await count('outbox', 'status', ['pending', 'sending'])) === 0;
      },
      120_000,
      200,
    ).catch((e: Error) => {
      throw new Error(`${e.message}\nsurvivor stderr:\n${survivor.stderr().slice(-4000)}`);
    });

    lap('finished');
    // Every message once: one inbox row per message_id, processed, and one answer to each.
    const inbox = await db.selectFrom('inbox').select(['status']).execute();
    expect(inbox).toHaveLength(MESSAGES);
    expect(inbox.every((r) => r.status === 'done')).toBe(true);
    const sent = sandbox.messages();
    const bySent = new Map(sent.map((m) => [m.uuid, m]));
    // Answers in a p2p chat are sent to the person, keyed by the event that asked: each message got its answer once.
    const answers = await db.selectFrom('outbox').select(['idem_key', 'receive_id']).where('idem_key', 'like', 'reply:%').execute();
    const answered = new Set(answers.map((r) => r.idem_key.split(':')[1]));
    expect(answered.size).toBe(MESSAGES);
    expect(answers.every((r) => bySent.get(larkUuid(r.idem_key))?.receive_id === r.receive_id)).toBe(true);

    // The weekly prompt ran once for the week and reached every participant once.
    const promptRows = await db.selectFrom('outbox').select(['idem_key', 'receive_id', 'status']).where('idem_key', 'like', 'weekly-prompt:%').execute();
    expect(promptRows.length).toBeGreaterThanOrEqual(190);
    const run = await db.selectFrom('job_runs').selectAll().where('job', '=', 'weekly-prompt').execute();
    expect(run).toHaveLength(1);
    expect(run[0]!.detail).toContain(`已向 ${promptRows.length} 人发送周记填写提醒`);
    expect(new Set(promptRows.map((r) => r.receive_id)).size).toBe(promptRows.length);
    for (const r of promptRows) expect(bySent.get(larkUuid(r.idem_key))?.receive_id).toBe(r.receive_id);

    // Nothing reached Lark that the outbox does not hold once, and nothing was sent twice.
    const outbox = await db.selectFrom('outbox').select(['idem_key', 'status']).execute();
    expect(outbox.every((r) => r.status === 'sent')).toBe(true);
    expect(sent).toHaveLength(outbox.length);
    const uuids = new Set(outbox.map((r) => larkUuid(r.idem_key)));
    expect(new Set(sent.map((m) => m.uuid)).size).toBe(sent.length);
    expect(sent.every((m) => m.uuid && uuids.has(m.uuid))).toBe(true);
    expect(sandbox.refusedBy).toEqual({}); // names the window that refused, if one did
    expect(sandbox.rateLimited).toBe(0);

    // What an operator watches says the same: nothing waiting, nothing refused for rate.
    const metrics = await (await fetch(`${survivor.url}/metrics`)).text();
    expect(metrics).toMatch(/^pingshi_inbox_pending 0$/m);
    expect(metrics).toMatch(/^pingshi_outbox_depth 0$/m);
    expect(metrics).not.toMatch(/pingshi_outbox_sent_total\{result="rate_limited"\}/);
    // Its clock against the database server's (the same machine's here: the reading's delay only).
    expect(Math.abs(Number(/^pingshi_clock_offset_ms (-?\d+)$/m.exec(metrics)?.[1]))).toBeLessThan(1000);

    // The survivor stops cleanly.
    expect(await stopBot(survivor, 'SIGTERM')).toEqual({ code: 0, signal: null });
  }, 300_000);
});
