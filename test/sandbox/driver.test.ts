import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { decryptLarkPayload, larkSignatureMatches } from '../../src/lark/crypto';
import { botOpenIdFor, demoOrg, LarkDriver, type LarkSandbox, p2pChatIdFor } from '../../src/sandbox';
import { startSandbox } from './helpers';

const KEY = 'test-encrypt-key';
const TOKEN = 'test-verification-token';
const APP = 'cli_0123456789abcdef';

interface Received {
  validSignature: boolean;
  raw: string;
  payload: Record<string, any>;
}

/** A stand-in for the bot's webhook: checks the signature over raw bytes, decrypts, answers per `statuses`. */
async function receiver(statuses: number[] = []) {
  const got: Received[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks);
      const ts = String(req.headers['x-lark-request-timestamp']);
      const nonce = String(req.headers['x-lark-request-nonce']);
      const validSignature = larkSignatureMatches(ts, nonce, KEY, raw, String(req.headers['x-lark-signature']));
      const { encrypt } = JSON.parse(raw.toString('utf8')) as { encrypt: string };
      const payload = JSON.parse(decryptLarkPayload(encrypt, KEY)) as Record<string, any>;
      got.push({ validSignature, raw: raw.toString('utf8'), payload });
      const status = statuses.shift() ?? 200;
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(payload.type === 'url_verification' ? { challenge: payload.challenge } : { toast: { type: 'success', content: '已保存' } }));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/lark/events`;
  return { got, url, close: () => new Promise<void>((r) => server.close(() => r())) };
}

const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c();
});

function driverFor(url: string, extra: Partial<ConstructorParameters<typeof LarkDriver>[0]> = {}) {
  const d = new LarkDriver({ eventsUrl: url, appId: APP, tenantKey: 'tk1', encryptKey: KEY, verificationToken: TOKEN, retrySchedule: [50, 100], ...extra });
  cleanups.push(() => d.close());
  return d;
}

describe('LarkDriver', () => {
  it('delivers signed, encrypted v2 envelopes for p2p text, group @bot, menu and card clicks', async () => {
    const r = await receiver();
    cleanups.push(r.close);
    const d = driverFor(r.url, { clock: () => new Date('2026-06-12T07:00:00Z') });
    const p2p = await d.sendText('ou_abc', '周记 完成了调研报告', { userId: 'abc' });
    expect(p2p).toMatchObject({ status: 200, body: { toast: { content: '已保存' } } });
    await d.sendText('ou_abc', '团队', { chatType: 'group', chatId: 'oc_group1' });
    await d.menu('ou_abc', 'log');
    await d.clickCard('ou_abc', { messageId: 'om_card1', value: { kind: 'grade', grade: '好' } });
    await d.clickCard('ou_abc', { messageId: 'om_card2', name: 'submit_btn', formValue: { done: '写完了' } });

    expect(r.got.every((g) => g.validSignature)).toBe(true);
    const [text, group, menu, click, form] = r.got.map((g) => g.payload);
    expect(text!.schema).toBe('2.0');
    expect(text!.header).toEqual({ event_id: p2p.eventId, event_type: 'im.message.receive_v1', create_time: String(Date.parse('2026-06-12T07:00:00Z')), token: TOKEN, app_id: APP, tenant_key: 'tk1' });
    expect(p2p.eventId).toMatch(/^[0-9a-f]{32}$/);
    expect(text!.event.sender).toMatchObject({ sender_id: { open_id: 'ou_abc', user_id: 'abc' }, sender_type: 'user' });
    expect(text!.event.message).toMatchObject({ message_id: p2p.messageId, chat_type: 'p2p', chat_id: p2pChatIdFor(APP, 'ou_abc'), message_type: 'text', content: JSON.stringify({ text: '周记 完成了调研报告' }) });
    expect(text!.event.message.mentions).toBeUndefined();

    expect(group!.event.message).toMatchObject({ chat_type: 'group', chat_id: 'oc_group1', content: '{"text":"@_user_1 团队"}' });
    expect(group!.event.message.mentions[0]).toMatchObject({ key: '@_user_1', id: { open_id: botOpenIdFor(APP) }, name: '平时考核助手' });

    expect(menu!.header.event_type).toBe('application.bot.menu_v6');
    expect(menu!.event).toMatchObject({ event_key: 'log', operator: { operator_id: { open_id: 'ou_abc' } } });

    expect(click!.header.event_type).toBe('card.action.trigger');
    expect(click!.event).toMatchObject({
      operator: { open_id: 'ou_abc', tenant_key: 'tk1' },
      action: { tag: 'button', value: { kind: 'grade', grade: '好' } },
      host: 'im_message',
      context: { open_message_id: 'om_card1', open_chat_id: p2pChatIdFor(APP, 'ou_abc') },
    });
    expect(click!.event.token).toMatch(/^c-/);
    // Card callbacks carry create_time in microseconds ("card.action.trigger" only).
    expect(click!.header.create_time).toBe(String(Date.parse('2026-06-12T07:00:00Z') * 1000));
    expect(form!.event.action).toMatchObject({ name: 'submit_btn', form_value: { done: '写完了' } });
  });

  it('answers a challenge and sends exact bytes with deliverRaw', async () => {
    const r = await receiver();
    cleanups.push(r.close);
    const d = driverFor(r.url);
    const ch = await d.challenge('abc123');
    expect(ch.body).toEqual({ challenge: 'abc123' });
    expect(r.got[0]!.payload).toEqual({ challenge: 'abc123', token: TOKEN, type: 'url_verification' });
    const bytes = '{ "encrypt" : ' + JSON.stringify(JSON.parse(r.got[0]!.raw).encrypt) + ' }';
    await d.deliverRaw(bytes, { eventId: 'e1' });
    expect(r.got[1]!.raw).toBe(bytes);
    expect(r.got[1]!.validSignature).toBe(true);
  });

  it('re-sends the same event_id after a non-200, on the retry schedule', async () => {
    const r = await receiver([500, 503]);
    cleanups.push(r.close);
    const d = driverFor(r.url);
    const first = await d.menu('ou_x', 'help');
    expect(first.status).toBe(500);
    expect(d.pending()).toBe(1);
    await d.settled();
    expect(r.got.map((g) => g.payload.header.event_id)).toEqual([first.eventId, first.eventId, first.eventId]);
    expect(d.history.map((h) => [h.attempt, h.status])).toEqual([[0, 500], [1, 503], [2, 200]]);
    await d.redeliver(first.eventId);
    expect(r.got[3]!.payload.header.event_id).toBe(first.eventId);
    expect(r.got[3]!.validSignature).toBe(true);
  });

  it('never re-sends a card callback, and pushes a message again under a new event_id when asked', async () => {
    const r = await receiver([500, 200, 200]);
    cleanups.push(r.close);
    const d = driverFor(r.url);
    const click = await d.clickCard('ou_x', { messageId: 'om_1', value: { a: 'x' } });
    expect(click.status).toBe(500);
    expect(d.pending()).toBe(0);
    const sent = await d.sendText('ou_x', '帮助');
    const again = await d.duplicatePush(sent.messageId!);
    expect(again.eventId).not.toBe(sent.eventId);
    const [, first, second] = r.got.map((g) => g.payload);
    expect(second!.event.message.message_id).toBe(first!.event.message.message_id);
    expect(second!.header.event_id).toBe(again.eventId);
  });

  it('gives up after the schedule, and treats a timeout as a failure', async () => {
    const r = await receiver([500, 500, 500, 500]);
    cleanups.push(r.close);
    const d = driverFor(r.url);
    await d.menu('ou_x', 'help');
    await d.settled();
    expect(r.got).toHaveLength(3);
    const slow = createServer(() => undefined);
    await new Promise<void>((res) => slow.listen(0, '127.0.0.1', () => res()));
    cleanups.push(() => { slow.closeAllConnections(); slow.close(); });
    const d2 = driverFor(`http://127.0.0.1:${(slow.address() as AddressInfo).port}/`, { timeoutMs: 100, retrySchedule: [] });
    expect((await d2.menu('ou_x', 'help')).status).toBe(0);
  });

  it('linked to a sandbox, lets the bot reply to the user message and fills in user ids', async () => {
    const org = demoOrg();
    const sb: LarkSandbox = await startSandbox({ org });
    cleanups.push(() => sb.stop());
    const r = await receiver();
    cleanups.push(r.close);
    const d = driverFor(r.url, { appId: sb.appId });
    sb.attachDriver(d);
    const u = org.users.find((x) => x.name === '郑凯')!;
    const sent = await d.sendText(u.open_id, '帮助', { chatType: 'group' });
    const ev = r.got[0]!.payload.event;
    expect(ev.sender.sender_id).toMatchObject({ open_id: u.open_id, user_id: u.user_id, union_id: u.union_id });
    expect(ev.message.chat_id).toBe(org.departments.find((x) => x.department_id === 'D120')!.chat_id);
    expect(ev.message.mentions[0].id.open_id).toBe(sb.botOpenId);
    expect(sb.chatOfMessage(sent.messageId!)).toBe(ev.message.chat_id);
  });
});
