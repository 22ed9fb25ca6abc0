import { afterEach, describe, expect, it } from 'vitest';
import { demoOrg, LarkCodes, type LarkSandbox } from '../../src/sandbox';
import { card, sdkClient, startSandbox } from './helpers';

const org = demoOrg();
const staff = org.users.find((u) => u.name === '赵敏')!;
let sb: LarkSandbox;
afterEach(async () => sb?.stop());

describe('LarkSandbox with the real SDK Client', () => {
  it('sends a card, replies, patches it, and records all of it', async () => {
    sb = await startSandbox({ org });
    const client = sdkClient(sb);
    const sent = await client.im.v1.message.create({
      params: { receive_id_type: 'open_id' },
      data: { receive_id: staff.open_id, msg_type: 'interactive', content: JSON.stringify(card('请填写本周周记')) },
    });
    expect(sent.code).toBe(0);
    const id = sent.data!.message_id!;
    expect(id).toMatch(/^om_/);
    expect(sent.data!.chat_id).toMatch(/^oc_/);

    const replied = await client.im.v1.message.reply({
      path: { message_id: id },
      data: { msg_type: 'text', content: JSON.stringify({ text: '已收到' }) },
    });
    expect(replied.code).toBe(0);

    const patched = await client.im.v1.message.patch({ path: { message_id: id }, data: { content: JSON.stringify(card('已提交')) } });
    expect(patched.code).toBe(0);

    const msgs = sb.messagesFor(staff.open_id);
    expect(msgs).toHaveLength(2);
    const [first, reply] = msgs;
    expect(first!.receive_id_type).toBe('open_id');
    expect(first!.patches).toHaveLength(1);
    expect(first!.card).toMatchObject({ body: { elements: [{ content: '已提交' }] } });
    expect(first!.content).toMatchObject({ body: { elements: [{ content: '请填写本周周记' }] } });
    expect(reply!.reply_to).toBe(id);
    expect(reply!.chat_id).toBe(first!.chat_id);
    expect(sb.calls.some((c) => c.method === 'PATCH' && c.status === 200)).toBe(true);
  });

  it('creates one message for a repeated uuid, even after an after-commit 500', async () => {
    sb = await startSandbox({ org, faults: { afterCommitErrorRate: 1 } });
    const client = sdkClient(sb);
    const data = { receive_id: staff.open_id, msg_type: 'text', content: JSON.stringify({ text: '提醒' }), uuid: 'outbox-1' };
    await expect(client.im.v1.message.create({ params: { receive_id_type: 'open_id' }, data })).rejects.toMatchObject({ response: { status: 500 } });
    sb.setFaults({ afterCommitErrorRate: 0 });
    const again = await client.im.v1.message.create({ params: { receive_id_type: 'open_id' }, data });
    const third = await client.im.v1.message.create({ params: { receive_id_type: 'open_id' }, data });
    expect(again.data!.message_id).toBe(third.data!.message_id);
    expect(sb.messages()).toHaveLength(1);
    expect(sb.messages()[0]!.message_id).toBe(again.data!.message_id);
  });

  it('errorRate=1 fails before recording anything', async () => {
    sb = await startSandbox({ org, faults: { errorRate: 1 } });
    const data = { receive_id: staff.open_id, msg_type: 'text', content: JSON.stringify({ text: 'x' }) };
    const err = await sdkClient(sb).im.v1.message.create({ params: { receive_id_type: 'open_id' }, data }).catch((e: unknown) => e);
    expect([500, 503]).toContain((err as { response: { status: number } }).response.status);
    expect(sb.messages()).toHaveLength(0);
  });

  it('rejects bad requests with Lark-style codes', async () => {
    sb = await startSandbox({ org });
    const client = sdkClient(sb);
    const codeOf = (p: Promise<unknown>) => p.then(
      (r) => (r as { code: number }).code,
      (e: { response?: { status: number; data: { code: number } } }) => e.response!.data.code,
    );
    const create = (receive_id: string, msg_type: string, content: unknown, type = 'open_id') =>
      client.im.v1.message.create({ params: { receive_id_type: type as 'open_id' }, data: { receive_id, msg_type, content: content as string } });
    expect(await codeOf(create(staff.open_id, 'text', { text: 'not a string' }))).toBe(LarkCodes.invalidParam);
    expect(await codeOf(create('ou_nobody', 'text', '{"text":"x"}'))).toBe(LarkCodes.userNotInRange);
    expect(await codeOf(create('oc_unknown', 'text', '{"text":"x"}', 'chat_id'))).toBe(LarkCodes.botNotInChat);
    expect(await codeOf(create(staff.open_id, 'interactive', JSON.stringify({ body: {} })))).toBe(LarkCodes.cardInvalid);
    const big = card('x'.repeat(31 * 1024));
    expect(await codeOf(create(staff.open_id, 'interactive', JSON.stringify(big)))).toBe(LarkCodes.cardInvalid);
    const { config: _c, ...noMulti } = card('a');
    const plain = await create(staff.open_id, 'interactive', JSON.stringify(noMulti));
    const patch = client.im.v1.message.patch({ path: { message_id: (plain as { data: { message_id: string } }).data.message_id }, data: { content: JSON.stringify(card('b')) } });
    expect(await codeOf(patch)).toBe(LarkCodes.cardInvalid);
    expect(await codeOf(client.im.v1.message.reply({ path: { message_id: 'om_missing' }, data: { msg_type: 'text', content: '{"text":"x"}' } }))).toBe(LarkCodes.messageNotFound);
    // user_id and chat_id receivers resolve to the same conversations the org defines
    expect(await codeOf(create(staff.user_id, 'text', '{"text":"x"}', 'user_id'))).toBe(0);
    expect(await codeOf(create(org.departments[1]!.chat_id!, 'text', '{"text":"x"}', 'chat_id'))).toBe(0);
    expect(sb.messagesFor(staff.open_id).map((m) => m.receive_id_type)).toContain('user_id');
  });

  it('checks the app secret and the bearer token', async () => {
    sb = await startSandbox({ org });
    await expect(sdkClient(sb, 'wrong').im.v1.message.create({ params: { receive_id_type: 'open_id' }, data: { receive_id: staff.open_id, msg_type: 'text', content: '{"text":"x"}' } })).rejects.toThrow();
    const tokenRes = await fetch(`${sb.url}/open-apis/auth/v3/tenant_access_token/internal`, { method: 'POST', body: JSON.stringify({ app_id: sb.appId, app_secret: 'wrong' }) });
    expect(await tokenRes.json()).toMatchObject({ code: LarkCodes.appSecretInvalid });
    const noAuth = await fetch(`${sb.url}/open-apis/bot/v3/info`);
    expect(noAuth.status).toBe(200);
    expect(await noAuth.json()).toMatchObject({ code: LarkCodes.invalidAccessToken });
    const info = await sdkClient(sb).request<{ code: number; bot: { open_id: string; app_name: string } }>({ method: 'GET', url: '/open-apis/bot/v3/info' });
    expect(info.bot).toMatchObject({ open_id: sb.botOpenId, app_name: '平时考核助手', activate_status: 2 });
    expect(sb.botOpenId).toMatch(/^ou_bot/);
  });
});
