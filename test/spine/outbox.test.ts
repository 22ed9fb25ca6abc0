import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { systemClock } from '../../src/core/clock';
import { enqueue, outboxMessenger } from '../../src/db/outbox.repository';
import { LarkApi } from '../../src/lark/lark-api';
import { outboxDoctorCheck, requeueGivenUp } from '../../src/lark/outbox-health';
import { OutboxWorker, type OutboxWorkerOptions } from '../../src/lark/outbox-worker';
import { createMetrics } from '../../src/metrics';
import { buildOrg, LarkSandbox, type LarkSandboxOptions } from '../../src/sandbox';
import type { WorkerClock } from '../../src/workers/clock';
import { createTestStore, type TestStore } from '../helpers/stores';
import type { DeferredCard } from '../../src/core/ports';

let n = 0;
const HOUR = 3600_000;

/** A clock only the test moves: ticks run at whatever time it says. */
function manualClock(start = Date.parse('2026-11-20T07:00:00Z')): WorkerClock & { advance(ms: number): void } {
  let t = start;
  return { now: () => t, sleep: async () => undefined, advance: (ms) => void (t += ms) };
}

describe('outbox against the sandbox', () => {
  let sandbox: LarkSandbox;
  let store: TestStore;
  afterEach(async () => {
    await sandbox?.stop();
    await store?.close();
  });

  async function setup(opts: { sandbox?: Partial<LarkSandboxOptions>; worker?: Partial<OutboxWorkerOptions> } = {}) {
    const org = buildOrg({ units: [{ id: 'D1', name: '测试处', staff: Array.from({ length: 12 }, (_, i) => ({ name: `人员${i}` })) }] });
    const appId = `cli_outbox${String(++n).padStart(4, '0')}aaaaaa`;
    sandbox = new LarkSandbox({ appId, appSecret: 's', org, seed: 3, ...opts.sandbox });
    const { url } = await sandbox.start(0);
    store = await createTestStore('sqlite');
    const api = new LarkApi({ appId, appSecret: 's', baseUrl: url });
    const metrics = createMetrics();
    const worker = new OutboxWorker({ db: store.db, api, log: pino({ level: 'silent' }), metrics, ...opts.worker });
    const messenger = outboxMessenger(store.db, systemClock);
    const people = org.users.map((u) => u.open_id);
    const text = (to: string, t: string, key: string) => messenger.send({ type: 'open_id', id: to }, { kind: 'text', text: t }, key);
    return { worker, messenger, people, text, metrics };
  }

  const statuses = () => store.db.selectFrom('outbox').select(['idem_key', 'status', 'attempts', 'last_error']).orderBy('idem_key').execute();

  it('keeps to 5 messages a second per recipient, so Lark never has to refuse one, and in the order they were queued', async () => {
    const { worker, people, text } = await setup();
    for (let i = 0; i < 12; i++) await text(people[0]!, `第${i}条`, `burst:${i}`);
    await worker.drain(30_000);
    const got = sandbox.messagesFor(people[0]!).map((m) => (m.content as { text: string }).text);
    expect(got).toEqual(Array.from({ length: 12 }, (_, i) => `第${i}条`));
    expect(sandbox.rateLimited).toBe(0);
  });

  it('sends a batch queued at once (sendAll) once each, in order, skipping keys already queued', async () => {
    const { worker, messenger, people, text } = await setup();
    await text(people[3]!, '单独发送', 'batch:0');
    const batch = Array.from({ length: 250 }, (_, i) => ({ to: { type: 'open_id' as const, id: people[3 + (i % 2)]! }, message: { kind: 'text' as const, text: `批量第${i}条` }, key: `batch:${i}` }));
    await messenger.sendAll(batch);
    await messenger.sendAll(batch.slice(0, 120));
    await worker.drain(60_000);
    const got = (who: string) => sandbox.messagesFor(who).map((m) => (m.content as { text: string }).text);
    expect(got(people[3]!)).toEqual(['单独发送', ...batch.filter((_, i) => i > 0 && i % 2 === 0).map((b) => b.message.text)]);
    expect(got(people[4]!)).toEqual(batch.filter((_, i) => i % 2 === 1).map((b) => b.message.text));
    expect(sandbox.rateLimited).toBe(0);
  });

  it('queues messages sent side by side (one insert) each once, in the order they were sent', async () => {
    const { worker, people } = await setup();
    const added = await Promise.all(
      ['第一条', '第二条', '第一条（重复键）', '第三条'].map((t, i) => enqueue(store.db, systemClock, { idem_key: `side:${i === 2 ? 0 : i}`, op: 'send', receive_id_type: 'open_id', receive_id: people[5]!, msg_type: 'text', content: JSON.stringify({ text: t }) })),
    );
    expect(added).toEqual([true, true, false, true]);
    await worker.drain(30_000);
    expect(sandbox.messagesFor(people[5]!).map((m) => (m.content as { text: string }).text)).toEqual(['第一条', '第二条', '第三条']);
  });

  it('retries a 230020 refusal (HTTP 400) and delivers once', async () => {
    // Lark tighter than us, as when other bots share a group chat's window.
    const { worker, people, text, metrics } = await setup({ sandbox: { rateLimits: { recipientPerSecond: 2 } } });
    for (let i = 0; i < 6; i++) await text(people[1]!, `第${i}条`, `tight:${i}`);
    await worker.drain(30_000);
    expect(sandbox.rateLimited).toBeGreaterThan(0);
    expect(sandbox.calls.some((c) => c.status === 400 && c.code === 230020)).toBe(true);
    expect(sandbox.messagesFor(people[1]!).map((m) => (m.content as { text: string }).text).sort()).toEqual(['第0条', '第1条', '第2条', '第3条', '第4条', '第5条']);
    expect((await statuses()).every((r) => r.status === 'sent')).toBe(true);
    expect(await metrics.registry.getSingleMetricAsString('pingshi_outbox_sent_total')).toContain('result="rate_limited"');
  });

  it('honours x-ogw-ratelimit-reset of the generic limiter by pausing the whole app', async () => {
    const { worker, people, text } = await setup({ sandbox: { rateLimits: { recipientPerSecond: 2, style: '99991400' } } });
    for (let i = 0; i < 4; i++) await text(people[2]!, `第${i}条`, `gw:${i}`);
    await worker.drain(30_000);
    expect(sandbox.calls.some((c) => c.status === 429 && c.code === 99991400)).toBe(true);
    expect(sandbox.messagesFor(people[2]!)).toHaveLength(4);
    const pause = await store.db.selectFrom('rate_pauses').selectAll().where('bucket', '=', 'app').executeTakeFirst();
    expect(pause).toBeDefined();
  });

  it('refreshes an expired token answered with HTTP 400 / 99991663 and sends', async () => {
    const { worker, people, text } = await setup();
    await text(people[3]!, '一', 'tok:1');
    await worker.drain(10_000);
    sandbox.revokeTokens();
    await text(people[3]!, '二', 'tok:2');
    await worker.drain(10_000);
    expect(sandbox.calls.some((c) => c.status === 400 && c.code === 99991663)).toBe(true);
    expect(sandbox.messagesFor(people[3]!)).toHaveLength(2);
  });

  it('gives up at once on a refusal, recording why', async () => {
    const { worker, text } = await setup();
    await text('ou_not_in_range', '你好', 'refused');
    await worker.drain(10_000);
    expect(await statuses()).toMatchObject([{ idem_key: 'refused', status: 'failed', attempts: 1, last_error: expect.stringContaining('230013') }]);
  });

  it('retries an outage for 24 hours, then gives it up visibly, and `outbox retry` re-queues it', async () => {
    const clock = manualClock();
    const { worker, people, text, metrics } = await setup({ sandbox: { now: clock.now }, worker: { clock } });
    sandbox.startOutage(30 * HOUR, 'reset');
    await text(people[4]!, '周五提醒', 'outage:1');
    for (let h = 0; h < 25 * 6 && (await statuses())[0]!.status !== 'given_up'; h++) {
      await worker.tick();
      clock.advance(10 * 60_000);
    }
    const [row] = await statuses();
    expect(row).toMatchObject({ status: 'given_up' });
    expect(row!.attempts).toBeGreaterThan(40); // every 30 min for a day, after the first quick ones
    const failing = await store.db.selectFrom('outbox').select(['failing_since', 'next_attempt_at']).executeTakeFirstOrThrow();
    expect(clock.now() - Date.parse(failing.failing_since!)).toBeGreaterThanOrEqual(24 * HOUR);
    expect(await outboxDoctorCheck(store.db)).toMatchObject({ ok: false, text: expect.stringContaining('1 条因飞书持续不可用超过 24 小时已放弃') });
    expect(await metrics.registry.getSingleMetricAsString('pingshi_outbox_failed')).toContain('pingshi_outbox_failed{status="given_up"} 1');
    expect(sandbox.messages()).toHaveLength(0);

    sandbox.endOutage();
    expect(await requeueGivenUp(store.db, new Date(clock.now()))).toBe(1);
    await worker.tick();
    expect(sandbox.messagesFor(people[4]!)).toHaveLength(1);
    expect(await outboxDoctorCheck(store.db)).toMatchObject({ ok: true });
  });

  it('delivers once after a shorter outage of 503s', async () => {
    const clock = manualClock();
    const { worker, people, text } = await setup({ sandbox: { now: clock.now }, worker: { clock } });
    sandbox.startOutage(3 * HOUR);
    for (let i = 0; i < 3; i++) await text(people[5]!, `第${i}条`, `short:${i}`);
    for (let step = 0; step < 40 && sandbox.messages().length < 3; step++) {
      await worker.tick();
      clock.advance(10 * 60_000);
    }
    expect(sandbox.messagesFor(people[5]!)).toHaveLength(3);
    expect((await statuses()).every((r) => r.status === 'sent')).toBe(true);
    expect(sandbox.calls.filter((c) => c.status === 503).length).toBeGreaterThan(3);
  });

  it('probes a Lark that is down at least every 10 s, so sending resumes soon after it is back', async () => {
    const clock = manualClock();
    const { worker, people, text } = await setup({ sandbox: { now: clock.now }, worker: { clock } });
    const backAt = clock.now() + 250_000;
    sandbox.startOutage(250_000);
    for (let i = 0; i < 20; i++) await text(people[i % people.length]!, `第${i}条`, `probe:${i}`);
    while (sandbox.messages().length === 0 && clock.now() < backAt + 120_000) {
      await worker.tick();
      clock.advance(500);
    }
    expect(sandbox.messages()).not.toHaveLength(0);
    // One call at a time while it is down (no hammering), and the first one after it is back is not a minute late.
    const during = sandbox.calls.filter((c) => c.status === 503);
    expect(during.length).toBeLessThan(60);
    expect(clock.now() - backAt).toBeLessThanOrEqual(10_500);
  });

  it('sends one probe at a time to a Lark that is down, however many rounds are in flight', async () => {
    const clock = manualClock();
    const { worker, people, text } = await setup({ sandbox: { now: clock.now }, worker: { clock } });
    sandbox.startOutage(3 * HOUR);
    for (let i = 0; i < 10; i++) await text(people[i % people.length]!, `第${i}条`, `rounds:${i}`);
    const refused = () => sandbox.calls.filter((c) => c.status === 503).length;
    while (refused() < 5) await worker.tick();
    for (let probe = 0; probe < 4; probe++) {
      clock.advance(10 * 60_000);
      const before = refused();
      await Promise.all([worker.tick(), worker.tick()]);
      expect(refused() - before).toBe(1);
    }
  });

  it('patches a card we sent, by the key it was sent with', async () => {
    const { worker, messenger, people } = await setup();
    const card = (title: string) => ({ schema: '2.0', config: { update_multi: true }, header: { title: { tag: 'plain_text', content: title } }, body: { elements: [] } });
    await messenger.send({ type: 'open_id', id: people[6]! }, { kind: 'card', card: card('待确认') }, 'card:1');
    await messenger.patchCard({ key: 'card:1' }, card('已确认'), 'card:1:patch');
    await worker.drain(30_000);
    const [m] = sandbox.messagesFor(people[6]!);
    expect(m!.patches).toHaveLength(1);
    expect(JSON.stringify(m!.card)).toContain('已确认');
  });

  it('builds a deferred card when its turn comes; a failed build is retried later while the rest go out', async () => {
    let builds = 0;
    const renderDeferred = async (d: DeferredCard) => {
      if (builds++ === 0) throw new Error('database unreachable');
      return { schema: '2.0', header: { title: { tag: 'plain_text', content: `${d.pool} 第${d.page}页` } }, body: { elements: [{ tag: 'markdown', content: '按发送时的数据生成' }] } };
    };
    const { worker, messenger, people, text } = await setup({ worker: { renderDeferred } });
    const deferred: DeferredCard = { card: 'quarter.determination', scopeId: 'R0', quarterKey: '2026-Q2', pool: '副职', page: 2 };
    await messenger.send({ type: 'open_id', id: people[6]! }, { kind: 'deferred', deferred }, 'deferred:1');
    await text(people[7]!, '其他消息', 'other:1');
    await worker.tick();
    expect(await statuses()).toEqual([
      { idem_key: 'deferred:1', status: 'pending', attempts: 1, last_error: 'building the card failed: database unreachable' },
      { idem_key: 'other:1', status: 'sent', attempts: 1, last_error: null },
    ]);
    await worker.drain(30_000);
    expect(sandbox.messagesFor(people[6]!).map((m) => JSON.stringify(m.card ?? m.content))).toEqual([expect.stringContaining('副职 第2页')]);
    expect((await statuses())[0]).toMatchObject({ status: 'sent', attempts: 2 });
  });

  it('retries a deferred card in a process that cannot build it, and sends nothing meanwhile', async () => {
    const { worker, messenger, people } = await setup();
    await messenger.send({ type: 'open_id', id: people[6]! }, { kind: 'deferred', deferred: { card: 'quarter.determination', scopeId: 'R0', quarterKey: '2026-Q2', pool: '副职', page: 1 } }, 'deferred:2');
    await worker.tick();
    expect(await statuses()).toEqual([{ idem_key: 'deferred:2', status: 'pending', attempts: 1, last_error: 'building the card failed: this process cannot build deferred cards' }]);
    expect(sandbox.messagesFor(people[6]!)).toEqual([]);
  });
});
