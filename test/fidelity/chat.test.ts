import { afterEach, describe, expect, it } from 'vitest';
import { textMessageEvent } from '../../src/sandbox';
import { Harness } from '../helpers/harness';

/** Chat traffic as Feishu really sends it: bursts from one person, pushes repeated under new event ids, rich text. */
describe('chat through the strict sandbox', () => {
  let h: Harness;
  afterEach(async () => h?.close());

  it('answers all of twelve commands one person sends within a second', async () => {
    h = await Harness.start();
    const zhao = h.person('赵敏').open_id;
    await Promise.all(Array.from({ length: 12 }, () => h.driver.sendText(zhao, '帮助')));
    await h.settle();
    expect(h.inbox('赵敏')).toHaveLength(12);
    // Our own pacing (5/s per user, shared through the database) kept Lark from refusing any.
    expect(h.sandbox.rateLimited).toBe(0);
  });

  it('answers a message pushed twice under two event ids once, also when both arrive at once', async () => {
    h = await Harness.start();
    const first = await h.driver.sendText(h.person('赵敏').open_id, '帮助');
    await h.driver.duplicatePush(first.messageId!);
    await h.settle();
    expect(h.inbox('赵敏')).toHaveLength(1);

    const second = await h.driver.sendText(h.person('孙浩').open_id, '帮助');
    await Promise.all([h.driver.duplicatePush(second.messageId!), h.driver.duplicatePush(second.messageId!)]);
    await h.settle();
    expect(h.inbox('孙浩')).toHaveLength(1);
  });

  it('survives the driver pushing every message twice', async () => {
    h = await Harness.start({ driver: { duplicatePushRate: 1 } });
    for (const name of ['赵敏', '孙浩', '王芳']) await h.say(name, '帮助');
    for (const name of ['赵敏', '孙浩', '王芳']) expect(h.inbox(name)).toHaveLength(1);
    const pushes = h.driver.history.filter((d) => d.url.endsWith('/lark/events'));
    expect(pushes).toHaveLength(6);
  });

  it('reads a rich-text (post) message as the command it spells', async () => {
    h = await Harness.start();
    const zhao = h.person('赵敏');
    const env = textMessageEvent(
      { appId: h.sandbox.appId, tenantKey: h.org.tenantKey ?? 'tenant', token: 'test-verification-token', at: new Date() },
      { sender: { open_id: zhao.open_id, user_id: zhao.user_id, union_id: '' }, text: '', messageId: 'om_post_1', chatId: 'oc_post', chatType: 'p2p' },
    );
    const message = env.event.message as Record<string, unknown>;
    message.message_type = 'post';
    message.content = JSON.stringify({ title: '', content: [[{ tag: 'text', text: '我的' }, { tag: 'text', text: '周记' }]] });
    h.sandbox.recordInbound({ message_id: 'om_post_1', chat_id: 'oc_post', chat_type: 'p2p', open_id: zhao.open_id });
    await h.driver.deliverRaw(env);
    await h.settle();
    const answer = Harness.textOf(h.inbox('赵敏').at(-1)!);
    expect(answer).not.toContain('使用帮助');
    expect(answer).toMatch(/周记/);
  });
});
