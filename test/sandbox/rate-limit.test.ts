import { afterEach, describe, expect, it } from 'vitest';
import { demoOrg, LarkCodes, type LarkSandbox } from '../../src/sandbox';
import { card, sdkClient, startSandbox } from './helpers';

const org = demoOrg();
const [a, b] = org.users;
let sb: LarkSandbox;
afterEach(async () => sb?.stop());

type AxiosLike = { response: { status: number; headers: Record<string, string>; data: { code: number; msg: string } } };

describe('sandbox rate limits', () => {
  it('answers 429 with x-ogw headers past 5/s to one user, and the SDK throws with them', async () => {
    sb = await startSandbox({ org });
    const client = sdkClient(sb);
    const send = (i: number) =>
      client.request({
        method: 'POST',
        url: '/open-apis/im/v1/messages',
        params: { receive_id_type: 'open_id' },
        data: { receive_id: a!.open_id, msg_type: 'text', content: JSON.stringify({ text: `第${i}条` }) },
      });
    const results = await Promise.allSettled(Array.from({ length: 10 }, (_, i) => send(i)));
    const rejected = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(5);
    expect(rejected).toHaveLength(5);
    const err = rejected[0]!.reason as AxiosLike;
    expect(err.response.status).toBe(429);
    expect(err.response.data).toEqual({ code: LarkCodes.rateLimited, msg: 'request trigger frequency limit' });
    expect(err.response.headers['x-ogw-ratelimit-limit']).toBe('5');
    expect(Number(err.response.headers['x-ogw-ratelimit-reset'])).toBeGreaterThanOrEqual(1);
    expect(sb.rateLimited).toBe(5);
    expect(sb.messages()).toHaveLength(5);
    // another recipient is not affected by the first one's window
    const other = await client.im.v1.message.create({ params: { receive_id_type: 'open_id' }, data: { receive_id: b!.open_id, msg_type: 'text', content: '{"text":"hi"}' } });
    expect(other.code).toBe(0);
  });

  it('uses a sliding window on the injected clock, and limits PATCH per message and the app overall', async () => {
    let now = 1_700_000_000_000;
    sb = await startSandbox({ org, now: () => now, rateLimits: { appPerSecond: 8 } });
    const client = sdkClient(sb);
    const create = (to: string) =>
      client.im.v1.message.create({ params: { receive_id_type: 'open_id' }, data: { receive_id: to, msg_type: 'interactive', content: JSON.stringify(card('x')) } }).then(
        (r) => r.code,
        (e: AxiosLike) => e.response.status,
      );
    const users = org.users.slice(0, 9);
    const statuses = [];
    for (const u of users) statuses.push(await create(u.open_id));
    expect(statuses.filter((s) => s === 429)).toHaveLength(1); // app limit 8/s
    now += 1001;
    expect(await create(users[8]!.open_id)).toBe(0);

    const id = sb.messages()[0]!.message_id;
    const patch = () =>
      client.im.v1.message.patch({ path: { message_id: id }, data: { content: JSON.stringify(card('y')) } }).then(
        (r) => r.code,
        (e: AxiosLike) => e.response.status,
      );
    const patches = [];
    for (let i = 0; i < 6; i++) patches.push(await patch());
    expect(patches).toEqual([0, 0, 0, 0, 0, 429]);
    now += 1000;
    expect(await patch()).toBe(0);
    expect(sb.message(id)!.patches).toHaveLength(6);
  });

  it('can be disabled', async () => {
    sb = await startSandbox({ org, rateLimits: { enabled: false } });
    const client = sdkClient(sb);
    for (let i = 0; i < 12; i++) {
      const r = await client.im.v1.message.create({ params: { receive_id_type: 'open_id' }, data: { receive_id: a!.open_id, msg_type: 'text', content: '{"text":"x"}' } });
      expect(r.code).toBe(0);
    }
    expect(sb.rateLimited).toBe(0);
  });
});
