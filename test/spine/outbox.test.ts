import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { systemClock } from '../../src/core/clock';
import { outboxMessenger } from '../../src/db/outbox.repository';
import { LarkApi } from '../../src/lark/lark-api';
import { OutboxWorker } from '../../src/lark/outbox-worker';
import { buildOrg, LarkSandbox } from '../../src/sandbox';
import { createTestStore, type TestStore } from '../helpers/stores';

let n = 0;

describe('outbox against the sandbox', () => {
  let sandbox: LarkSandbox;
  let store: TestStore;
  afterEach(async () => {
    await sandbox?.stop();
    await store?.close();
  });

  async function setup(opts: { maxAttempts?: number } = {}) {
    const org = buildOrg({ units: [{ id: 'D1', name: '测试处', staff: Array.from({ length: 12 }, (_, i) => ({ name: `人员${i}` })) }] });
    const appId = `cli_outbox${String(++n).padStart(4, '0')}aaaaaa`;
    sandbox = new LarkSandbox({ appId, appSecret: 's', org, seed: 3 });
    const { url } = await sandbox.start(0);
    store = await createTestStore('sqlite');
    const api = new LarkApi({ appId, appSecret: 's', baseUrl: url });
    const worker = new OutboxWorker({ db: store.db, api, log: pino({ level: 'silent' }), maxAttempts: opts.maxAttempts ?? 8 });
    const messenger = outboxMessenger(store.db, systemClock);
    const people = org.users.map((u) => u.open_id);
    return { worker, messenger, people };
  }

  it('keeps to 5 messages a second per recipient, so Lark never has to refuse one', async () => {
    const { worker, messenger, people } = await setup();
    for (let i = 0; i < 12; i++) await messenger.send({ type: 'open_id', id: people[0]! }, { kind: 'text', text: `第${i}条` }, `burst:${i}`);
    await worker.drain(30_000);
    expect(sandbox.messagesFor(people[0]!)).toHaveLength(12);
    expect(sandbox.rateLimited).toBe(0);
  });

  it('backs off on 429 as Lark asks and still delivers once', async () => {
    const { worker, messenger, people } = await setup();
    // Lark's limit tighter than ours: the sandbox answers 429 with x-ogw-ratelimit-reset.
    sandbox.setRateLimits({ recipientPerSecond: 2 });
    for (let i = 0; i < 6; i++) await messenger.send({ type: 'open_id', id: people[1]! }, { kind: 'text', text: `第${i}条` }, `tight:${i}`);
    await worker.drain(30_000);
    expect(sandbox.rateLimited).toBeGreaterThan(0);
    expect(sandbox.messagesFor(people[1]!).map((m) => (m.content as { text: string }).text).sort()).toEqual(['第0条', '第1条', '第2条', '第3条', '第4条', '第5条']);
    const rows = await store.db.selectFrom('outbox').select(['status']).execute();
    expect(rows.every((r) => r.status === 'sent')).toBe(true);
  });

  it('gives up after a bound on server errors, and at once on a refusal, recording why', async () => {
    const { worker, messenger, people } = await setup({ maxAttempts: 2 });
    await messenger.send({ type: 'open_id', id: 'ou_not_in_range' }, { kind: 'text', text: '你好' }, 'refused');
    await worker.drain(30_000);
    sandbox.setFaults({ errorRate: 1 });
    await messenger.send({ type: 'open_id', id: people[2]! }, { kind: 'text', text: '你好' }, 'broken');
    await worker.drain(30_000);
    const rows = await store.db.selectFrom('outbox').select(['idem_key', 'status', 'attempts', 'last_error']).orderBy('idem_key').execute();
    expect(rows).toMatchObject([
      { idem_key: 'broken', status: 'failed', attempts: 2 },
      { idem_key: 'refused', status: 'failed', attempts: 1 },
    ]);
    expect(rows[0]!.last_error).toMatch(/^5\d\d/);
    expect(rows[1]!.last_error).toContain('230013');
  });

  it('patches a card we sent, by the key it was sent with', async () => {
    const { worker, messenger, people } = await setup();
    const card = (title: string) => ({ schema: '2.0', config: { update_multi: true }, header: { title: { tag: 'plain_text', content: title } }, body: { elements: [] } });
    await messenger.send({ type: 'open_id', id: people[3]! }, { kind: 'card', card: card('待确认') }, 'card:1');
    await messenger.patchCard({ key: 'card:1' }, card('已确认'), 'card:1:patch');
    await worker.drain(30_000);
    const [m] = sandbox.messagesFor(people[3]!);
    expect(m!.patches).toHaveLength(1);
    expect(JSON.stringify(m!.card)).toContain('已确认');
  });
});
