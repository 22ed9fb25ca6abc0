import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { Harness } from '../helpers/harness';
import { dialectsUnderTest } from '../helpers/stores';

const card = (title: string) => ({ schema: '2.0', config: { update_multi: true }, header: { title: { tag: 'plain_text', content: title } }, body: { elements: [{ tag: 'markdown', content: title }] } });

/**
 * The outbox keeps every message's key and Lark message id for good (exactly once, later patches),
 * but a sent message's card only for SENT_CONTENT_DAYS: a city's cards are gigabytes a year.
 */
describe.each(dialectsUnderTest())('outbox-compact (%s)', (dialect) => {
  let h: Harness;
  afterEach(async () => h?.close());

  it('clears the content of messages sent over 35 days ago, and they still go out exactly once and can be patched', async () => {
    h = await Harness.start({ dialect, now: '2026-11-20T10:00:00+08:00' });
    const zhang = h.person('张丽').open_id;
    const to = { type: 'open_id' as const, id: zhang };
    await h.app.deps.messenger.send(to, { kind: 'card', card: card('十月的卡片') }, 'compact-test:old');
    await h.app.deps.messenger.send(to, { kind: 'card', card: card('十一月的卡片') }, 'compact-test:recent');
    await h.settle();
    expect(h.inbox('张丽').map((m) => Harness.textOf(m))).toEqual([expect.stringContaining('十月的卡片'), expect.stringContaining('十一月的卡片')]);
    // One went out on 1 October, one on 10 November; one from October never went out (given up).
    await h.db.updateTable('outbox').set({ sent_at: '2026-10-01T02:00:00.000Z' }).where('idem_key', '=', 'compact-test:old').execute();
    await h.db.updateTable('outbox').set({ sent_at: '2026-11-10T02:00:00.000Z' }).where('idem_key', '=', 'compact-test:recent').execute();
    await h.db
      .insertInto('outbox')
      .values({
        id: 'ob_given_up',
        idem_key: 'compact-test:given-up',
        op: 'send',
        receive_id_type: 'open_id',
        receive_id: zhang,
        msg_type: 'text',
        content: JSON.stringify({ text: '未送达的消息' }),
        target_message_id: null,
        target_key: null,
        status: 'given_up',
        attempts: 30,
        next_attempt_at: '2026-10-01T02:00:00.000Z',
        lease_until: null,
        message_id: null,
        last_error: 'HTTP 503',
        created_at: '2026-10-01T02:00:00.000Z',
        sent_at: null,
      })
      .execute();
    const before = await h.db.selectFrom('outbox').select(['idem_key', 'status', 'message_id']).orderBy('idem_key').execute();

    // 20 November: the cut-off is 16 October.
    const run = await h.runJob('outbox-compact', '2026-11-20T03:15:00+08:00');
    expect(run).toMatchObject({ status: 'done', message: expect.stringContaining('已清理 1 条') });
    const rows = new Map((await h.db.selectFrom('outbox').selectAll().execute()).map((r) => [r.idem_key, r]));
    expect(rows.get('compact-test:old')!.content).toBe('');
    expect(rows.get('compact-test:recent')!.content).toContain('十一月的卡片');
    expect(rows.get('compact-test:given-up')!.content).toContain('未送达的消息');
    // Nothing else about any message changed.
    expect(await h.db.selectFrom('outbox').select(['idem_key', 'status', 'message_id']).orderBy('idem_key').execute()).toEqual(before);
    expect(await h.runJob('outbox-compact', '2026-11-20T05:00:00+08:00')).toMatchObject({ status: 'already-done' });

    // The old message's key still makes a repeat a no-op, and a patch still finds its message.
    await h.app.deps.messenger.send(to, { kind: 'card', card: card('十月的卡片') }, 'compact-test:old');
    await h.app.deps.messenger.patchCard({ key: 'compact-test:old' }, card('十月的卡片（已更新）'), 'compact-test:old:patch');
    await h.settle();
    expect(h.inbox('张丽')).toHaveLength(2);
    const october = h.sandbox.messages().find((m) => m.message_id === rows.get('compact-test:old')!.message_id)!;
    expect(Harness.textOf(october)).toContain('十月的卡片（已更新）');
  });

  it.runIf(dialect === 'sqlite')('finds the old content through its partial index, not by reading every message', async () => {
    h = await Harness.start({ dialect, now: '2026-11-20T10:00:00+08:00' });
    const plan = await sql<{ detail: string }>`explain query plan select id from outbox where status = ${'sent'} and content <> '' and sent_at < ${'2026-10-16'} order by sent_at limit 1000`.execute(h.db);
    expect(plan.rows.map((r) => r.detail).join('\n')).toContain('outbox_sent_with_content');
  });
});
