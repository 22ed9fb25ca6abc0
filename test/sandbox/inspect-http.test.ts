import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { decryptLarkPayload } from '../../src/lark/crypto';
import { demoOrg, startDemoSandbox, type DemoSandbox } from '../../src/sandbox';
import { sdkClient } from './helpers';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const json = (r: Response): Promise<any> => r.json();
let demo: DemoSandbox | undefined;
const closers: Array<() => void> = [];
afterEach(async () => {
  await demo?.stop();
  closers.splice(0).forEach((c) => c());
});

async function fakeBot() {
  const events: any[] = [];
  const server = createServer((req, res) => {
    let raw = '';
    req.on('data', (c) => (raw += c));
    req.on('end', () => {
      events.push(JSON.parse(decryptLarkPayload(JSON.parse(raw).encrypt, 'sandbox-encrypt-key')));
      res.end('{}');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  closers.push(() => server.close());
  return { events, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/lark/events` };
}

describe('sandbox HTTP inspection and console', () => {
  it('exposes messages, stats, faults and reset over HTTP; /sandbox/act goes through the driver', async () => {
    const bot = await fakeBot();
    demo = await startDemoSandbox({ eventsUrl: bot.url, credentials: { appId: 'cli_1111222233334444' } });
    const { sandbox: sb, url } = demo;
    const u = demoOrg().users.find((x) => x.name === '孙浩')!;

    const html = await fetch(`${url}/`).then((r) => r.text());
    expect(html).toContain('平时考核助手');

    const act = await fetch(`${url}/sandbox/act`, { method: 'POST', body: JSON.stringify({ kind: 'text', openId: u.open_id, text: '周记' }) }).then(json);
    expect(act.status).toBe(200);
    const ev = bot.events[0];
    expect(ev.event.message.content).toBe('{"text":"周记"}');

    // the bot replies to the user's message (known to the sandbox because the driver is linked)
    const client = sdkClient(sb, demo.credentials.appSecret);
    const reply = await client.im.v1.message.reply({ path: { message_id: ev.event.message.message_id }, data: { msg_type: 'text', content: '{"text":"已记录"}' } });
    expect(reply.code).toBe(0);

    const listed = await fetch(`${url}/sandbox/messages?to=${u.open_id}`).then(json);
    expect(listed).toHaveLength(1);
    expect(listed[0]).toMatchObject({ content: { text: '已记录' }, reply_to: ev.event.message.message_id, chat_type: 'p2p', msg_type: 'text' });
    expect(Object.keys(listed[0])).toEqual(expect.arrayContaining(['message_id', 'receive_id', 'chat_id', 'msg_type', 'content', 'at']));
    expect(Date.parse(listed[0].at)).toBe(Number(listed[0].create_time));
    expect(await fetch(`${url}/sandbox/messages`).then(json)).toEqual(listed);

    const click = await fetch(`${url}/sandbox/act`, {
      method: 'POST',
      body: JSON.stringify({ kind: 'click', openId: u.open_id, messageId: listed[0].message_id, value: { a: 1 } }),
    }).then(json);
    expect(click.status).toBe(200);
    expect(bot.events[1].event.context.open_chat_id).toBe(listed[0].chat_id);

    const faults = await fetch(`${url}/sandbox/faults`, { method: 'POST', body: JSON.stringify({ errorRate: 0.5 }) }).then(json);
    expect(faults.faults.errorRate).toBe(0.5);
    const stats = await fetch(`${url}/sandbox/stats`).then(json);
    expect(stats).toMatchObject({ messages: 1, rateLimited: 0, bot: { open_id: sb.botOpenId } });
    expect(stats.calls).toBeGreaterThanOrEqual(2);

    await fetch(`${url}/sandbox/reset`, { method: 'POST' });
    expect(sb.messages()).toHaveLength(0);
    expect(sb.calls).toHaveLength(0);
  });
});
