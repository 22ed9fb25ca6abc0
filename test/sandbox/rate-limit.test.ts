import { afterEach, describe, expect, it } from 'vitest';
import { buildOrg, demoOrg, LarkCodes, type LarkSandbox } from '../../src/sandbox';
import { card, sdkClient, startSandbox } from './helpers';

const org = demoOrg();
const [a, b] = org.users;
let sb: LarkSandbox;
afterEach(async () => sb?.stop());

type AxiosLike = { response: { status: number; headers: Record<string, string>; data: { code: number; msg: string } } };
type Outcome = { status: number; code: number; reset?: string };

function outcome(p: Promise<{ code?: number }>): Promise<Outcome> {
  return p.then(
    (r) => ({ status: 200, code: r.code ?? 0 }),
    (e: AxiosLike) => ({ status: e.response.status, code: e.response.data.code, reset: e.response.headers['x-ogw-ratelimit-reset'] }),
  );
}

function sender(s: LarkSandbox) {
  const client = sdkClient(s);
  return {
    client,
    text: (to: string, type: 'open_id' | 'chat_id' = 'open_id') =>
      outcome(client.im.v1.message.create({ params: { receive_id_type: type }, data: { receive_id: to, msg_type: 'text', content: '{"text":"x"}' } })),
  };
}

describe('sandbox rate limits', () => {
  it('refuses the sixth message a second to one user with HTTP 400 / 230020, as message APIs do', async () => {
    sb = await startSandbox({ org });
    const { text } = sender(sb);
    const results = await Promise.all(Array.from({ length: 10 }, () => text(a!.open_id)));
    expect(results.filter((r) => r.code === 0)).toHaveLength(5);
    const refused = results.filter((r) => r.code !== 0);
    expect(refused).toHaveLength(5);
    expect(refused[0]).toEqual({ status: 400, code: LarkCodes.messageRateLimited, reset: undefined });
    expect(sb.rateLimited).toBe(5);
    expect(sb.refusedBy).toEqual({ [`to:${a!.open_id}`]: 5 }); // the recipient's 5 a second, not the app's windows
    expect((await text(b!.open_id)).code).toBe(0); // another recipient has its own window
  });

  it('answers like the generic limiter (429 / 99991400 with x-ogw-ratelimit-reset) when asked to', async () => {
    sb = await startSandbox({ org, rateLimits: { style: '99991400' } });
    const { text } = sender(sb);
    const results = await Promise.all(Array.from({ length: 6 }, () => text(a!.open_id)));
    expect(results[5]).toEqual({ status: 429, code: LarkCodes.rateLimited, reset: '1' });
  });

  it('limits the app to 50 a second and 1,000 a minute over sliding windows of the injected clock', async () => {
    const many = buildOrg({ units: [{ id: 'D1', name: '大处', staff: Array.from({ length: 1100 }, (_, i) => ({ name: `人${i}` })) }] });
    let now = 1_700_000_000_000;
    sb = await startSandbox({ org: many, now: () => now });
    const { text } = sender(sb);
    const users = many.users.map((u) => u.open_id);
    let next = 0;
    const burst = (n: number) => Promise.all(Array.from({ length: n }, () => text(users[next++]!)));
    expect((await burst(51)).filter((r) => r.code !== 0)).toHaveLength(1); // 50/s
    next--; // the refused one is sent again later
    for (let s = 1; s < 20; s++) {
      now += 1000;
      expect((await burst(50)).every((r) => r.code === 0)).toBe(true);
    }
    now += 1000; // 1,000 sent within 20 s: the minute window is full although this second is empty
    expect(await text(users[next]!)).toMatchObject({ status: 400, code: 230020 });
    now += 40_000; // the first second's 50 leave the minute window
    expect((await burst(50)).every((r) => r.code === 0)).toBe(true);
    expect(await text(users[next]!)).toMatchObject({ code: 230020 });
  });

  it('shares a group chat’s 5 a second between sends and replies', async () => {
    sb = await startSandbox({ org });
    const chat = org.departments[1]!.chat_id!;
    const { client, text } = sender(sb);
    const first = await client.im.v1.message.create({ params: { receive_id_type: 'chat_id' }, data: { receive_id: chat, msg_type: 'text', content: '{"text":"x"}' } });
    const replies = await Promise.all(
      Array.from({ length: 4 }, () => outcome(client.im.v1.message.reply({ path: { message_id: first.data!.message_id! }, data: { msg_type: 'text', content: '{"text":"r"}' } }))),
    );
    expect(replies.every((r) => r.code === 0)).toBe(true);
    expect(await text(chat, 'chat_id')).toMatchObject({ code: 230020 });
  });

  it('limits PATCH to 5 a second per message, only for update_multi cards sent within 14 days', async () => {
    let now = 1_700_000_000_000;
    sb = await startSandbox({ org, now: () => now });
    const client = sdkClient(sb);
    const sent = await client.im.v1.message.create({ params: { receive_id_type: 'open_id' }, data: { receive_id: a!.open_id, msg_type: 'interactive', content: JSON.stringify(card('x')) } });
    const id = sent.data!.message_id!;
    const patch = (c = card('y')) => outcome(client.im.v1.message.patch({ path: { message_id: id }, data: { content: JSON.stringify(c) } }));
    const codes = [];
    for (let i = 0; i < 6; i++) codes.push((await patch()).code);
    expect(codes).toEqual([0, 0, 0, 0, 0, 230020]);
    now += 1000;
    expect((await patch()).code).toBe(0);
    const { config: _drop, ...noMulti } = card('z');
    expect(await patch(noMulti as ReturnType<typeof card>)).toMatchObject({ status: 400, code: LarkCodes.cardInvalid });
    now += 14 * 24 * 3600 * 1000;
    expect(await patch()).toMatchObject({ status: 400, code: LarkCodes.messageTooOld });
    expect(sb.message(id)!.patches).toHaveLength(6);
  });

  it('can be disabled', async () => {
    sb = await startSandbox({ org, rateLimits: { enabled: false } });
    const { text } = sender(sb);
    for (let i = 0; i < 12; i++) expect((await text(a!.open_id)).code).toBe(0);
    expect(sb.rateLimited).toBe(0);
  });
});
