import { afterEach, describe, expect, it, vi } from 'vitest';
import { card, md } from '../../cards/components';
import type { CardResponse } from '../../src/dispatch/inbound';
import { Harness } from '../helpers/harness';

/**
 * Card callbacks as Feishu delivers them: once, with a delayed-update token and a create_time in
 * microseconds. Slow work answers a toast at once and updates the card later, never waiting for a retry.
 */
describe('card callbacks through the strict sandbox', () => {
  let h: Harness;
  afterEach(async () => h?.close());

  async function helpCard(name = '赵敏') {
    await h.say(name, '帮助');
    return h.lastCard(name).message;
  }

  const done = (title: string): CardResponse => ({ toast: { type: 'success', content: '已处理' }, card: { type: 'raw', data: card({ title, elements: [md('处理完毕')] }) } });

  it('answers a slow action with a toast in time, then updates the card with the callback token', async () => {
    h = await Harness.start();
    const message = await helpCard();
    h.app.dispatcher.handleCard = async () => {
      await new Promise((r) => setTimeout(r, 2800)); // past the 2.5 s answer deadline
      return done('已处理');
    };
    const res = await h.driver.clickCard(h.person('赵敏').open_id, { messageId: message.message_id, value: { a: 'slow' } });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ toast: { type: 'info', content: expect.stringContaining('正在处理') } });
    await vi.waitFor(() => expect(Harness.textOf(h.sandbox.message(message.message_id)!)).toContain('处理完毕'), { timeout: 10_000, interval: 100 });
    expect(h.sandbox.calls.filter((c) => c.path === '/open-apis/interactive/v1/card/update').map((c) => c.status)).toEqual([200]);
    expect(h.driver.history.filter((d) => d.eventId === res.eventId)).toHaveLength(1);
  });

  it('falls back to a PATCH when the token is spent before the work finishes', async () => {
    h = await Harness.start();
    const message = await helpCard();
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    h.app.dispatcher.handleCard = async () => {
      await gate;
      return done('改用 PATCH');
    };
    const res = await h.driver.clickCard(h.person('赵敏').open_id, { messageId: message.message_id, value: { a: 'slow' } });
    expect(res.body).toMatchObject({ toast: { content: expect.stringContaining('正在处理') } });
    // Someone else uses the token's two updates first.
    for (let i = 0; i < 2; i++) {
      const r = await h.app.api.delayedUpdate(res.token!, JSON.stringify(card({ title: `别处更新${i}`, elements: [md('x')] })));
      expect(r.ok).toBe(true);
    }
    release();
    await vi.waitFor(() => expect(Harness.textOf(h.sandbox.message(message.message_id)!)).toContain('处理完毕'), { timeout: 10_000, interval: 100 });
    const updates = h.sandbox.calls.filter((c) => c.path.startsWith('/open-apis/interactive/v1/card/update') || c.method === 'PATCH').map((c) => `${c.method} ${c.status}`);
    expect(updates).toEqual(['POST 200', 'POST 200', 'POST 400', 'PATCH 200']);
  });

  it('never receives a callback twice, and answers a failure with a toast since no retry comes', async () => {
    h = await Harness.start({ driver: { retrySchedule: [20, 40] } });
    const message = await helpCard();
    h.app.dispatcher.handleCard = async () => {
      throw new Error('database away');
    };
    const res = await h.driver.clickCard(h.person('赵敏').open_id, { messageId: message.message_id, value: { a: 'x' } });
    // No retry will come, so the bot says so in a toast rather than answering 5xx.
    expect(res).toMatchObject({ status: 200, body: { toast: { type: 'error', content: expect.stringContaining('请稍后再点一次') } } });
    h.app.dispatcher.handleCard = async () => {
      await new Promise((r) => setTimeout(r, 4000)); // past Lark's 3 s: the driver gives up waiting
      return {};
    };
    const slow = await h.driver.clickCard(h.person('赵敏').open_id, { messageId: message.message_id, value: { a: 'y' } });
    expect(slow.status).toBe(200); // our own 2.5 s deadline answered first
    await new Promise((r) => setTimeout(r, 150)); // longer than the driver's retry schedule
    expect(h.driver.history.filter((d) => d.eventId === res.eventId || d.eventId === slow.eventId)).toHaveLength(2);
    expect(h.driver.pending()).toBe(0);
  });

  it('reads the callback create_time as microseconds for the event-lag metric', async () => {
    h = await Harness.start({ driver: { clock: () => new Date(Date.now() - 5000) } });
    const message = await helpCard();
    await h.driver.clickCard(h.person('赵敏').open_id, { messageId: message.message_id, value: { a: 'nothing' } });
    const lag = await h.app.metrics.eventLag.get();
    const sum = lag.values.find((v) => v.metricName === 'pingshi_event_lag_seconds_sum')!.value;
    const count = lag.values.find((v) => v.metricName === 'pingshi_event_lag_seconds_count')!.value;
    expect(count).toBe(2); // the 帮助 message and the click
    expect(sum).toBeGreaterThan(8);
    expect(sum).toBeLessThan(60);
  });

  it('does not show a callback answer whose card breaks a Card JSON 2.0 rule', async () => {
    h = await Harness.start();
    const message = await helpCard();
    h.app.dispatcher.handleCard = async () => ({ card: { type: 'raw', data: { ...card({ title: 't', elements: [md('x')] }), footer: {} } } });
    const res = await h.driver.clickCard(h.person('赵敏').open_id, { messageId: message.message_id, value: { a: 'x' } });
    expect(res.cardAccepted).toBe(false);
    expect(h.sandbox.rejectedCallbackCards[0]!.issues[0]!.message).toBe('unknown property footer');
  });
});
