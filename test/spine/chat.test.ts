import { afterEach, describe, expect, it } from 'vitest';
import { Harness } from '../helpers/harness';

describe('chat entry points', () => {
  let h: Harness;
  afterEach(async () => h?.close());

  it('runs a command from the bot menu by its English name', async () => {
    h = await Harness.start();
    await h.driver.menu(h.person('赵敏').open_id, 'help');
    await h.settle();
    expect(Harness.textOf(h.lastCard('赵敏').card)).toContain('使用帮助');
  });

  it('answers in a group only when @-mentioned, as a reply in that group without mentioning anyone', async () => {
    h = await Harness.start();
    const zhao = h.person('赵敏');
    const chatId = h.org.departments.find((d) => d.department_id === zhao.department_ids[0])!.chat_id!;
    await h.driver.sendText(zhao.open_id, '帮助', { chatType: 'group', chatId, mentionBot: false });
    await h.settle();
    expect(h.inbox(chatId)).toHaveLength(0);
    await h.driver.sendText(zhao.open_id, '帮助', { chatType: 'group', chatId, mentionBot: true });
    await h.settle();
    const inGroup = h.inbox(chatId);
    expect(inGroup).toHaveLength(1);
    expect(inGroup[0]!.reply_to).toBeTruthy();
    expect(JSON.stringify(inGroup[0]!.content)).not.toContain('<at');
  });

  it('answers a failing handler with an apology and a reference id, and keeps serving', async () => {
    h = await Harness.start();
    await h.db.schema.dropTable('weekly_logs').execute();
    await h.say('赵敏', '我的周记');
    const apology = Harness.textOf(h.inbox('赵敏').at(-1)!);
    expect(apology).toMatch(/抱歉，处理“我的周记”时出错（参考编号 [0-9A-F]{8}）/);
    await h.say('赵敏', '帮助');
    expect(Harness.textOf(h.lastCard('赵敏').card)).toContain('使用帮助');
  });

  it('reports health and metrics', async () => {
    h = await Harness.start();
    expect(await (await fetch(`${h.url}/healthz`)).json()).toEqual({ ok: true });
    await h.say('赵敏', '帮助');
    const metrics = await (await fetch(`${h.url}/metrics`)).text();
    expect(metrics).toMatch(/pingshi_http_requests_total\{route="\/lark\/events",outcome="accepted"\} \d+/);
    expect(metrics).toContain('pingshi_outbox_depth');
    expect(metrics).toContain('pingshi_event_lag_seconds');
    await h.app.store.close();
    const down = await fetch(`${h.url}/healthz`);
    expect(down.status).toBe(503);
  });
});
