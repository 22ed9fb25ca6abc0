import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { systemClock } from '../../src/core/clock';
import { outboxMessenger } from '../../src/db/outbox.repository';
import { LarkApi } from '../../src/lark/lark-api';
import { OutboxWorker } from '../../src/lark/outbox-worker';
import { buildOrg, LarkSandbox } from '../../src/sandbox';
import { scaledClock } from '../../src/workers/clock';
import { createTestStore, dialectsUnderTest, type TestStore } from '../helpers/stores';

const RECIPIENTS = 2000;
const MIN = 60_000;

/**
 * A Friday prompt to a whole city's staff through the strict sandbox: Lark answers 230020 now and
 * then (as when other bots crowd a window) and goes down for two minutes midway.
 * Time runs 30× faster on both sides; the achieved rate is measured by bench/fanout.ts, not here.
 */
describe.each(dialectsUnderTest())('Friday fan-out (%s)', (dialect) => {
  let sandbox: LarkSandbox | undefined;
  let store: TestStore | undefined;
  afterEach(async () => {
    await sandbox?.stop();
    await store?.close();
  });

  it('gets exactly one message to each of 2,000 people through 230020s and an outage', async () => {
    const org = buildOrg({ units: [{ id: 'D1', name: '全市', staff: Array.from({ length: RECIPIENTS }, (_, i) => ({ name: `人员${i}` })) }] });
    const clock = scaledClock(30);
    const appId = `cli_fanout${dialect === 'sqlite' ? '01' : '02'}aaaaaaaa`;
    sandbox = new LarkSandbox({ appId, appSecret: 's', org, seed: 11, now: clock.now, faults: { limitRate: 0.05 } });
    const { url } = await sandbox.start(0);
    store = await createTestStore(dialect);
    const worker = new OutboxWorker({ db: store.db, api: new LarkApi({ appId, appSecret: 's', baseUrl: url }), log: pino({ level: 'silent' }), clock, pollMs: 50 });
    const messenger = outboxMessenger(store.db, systemClock);
    for (const u of org.users) await messenger.send({ type: 'open_id', id: u.open_id }, { kind: 'text', text: '本周周记请于周五 18:00 前提交。' }, `weekly-prompt:2026-W47:${u.open_id}`);

    worker.start();
    const sent = () => sandbox!.messages().length;
    while (sent() < RECIPIENTS / 2) await new Promise((r) => setTimeout(r, 50));
    sandbox.startOutage(2 * MIN);
    await worker.drain(120_000);
    await worker.stop();

    const perRecipient = new Map<string, number>();
    for (const m of sandbox.messages()) perRecipient.set(m.receive_id, (perRecipient.get(m.receive_id) ?? 0) + 1);
    expect(perRecipient.size).toBe(RECIPIENTS);
    expect([...perRecipient.values()].every((n) => n === 1)).toBe(true);
    const rows = await store.db.selectFrom('outbox').select('status').where('status', '!=', 'sent').execute();
    expect(rows).toEqual([]);
    expect(sandbox.calls.some((c) => c.code === 230020)).toBe(true);
    expect(sandbox.calls.some((c) => c.status === 503)).toBe(true);
  }, 180_000);
});
