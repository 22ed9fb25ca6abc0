import { randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encryptLarkPayload, larkSignature } from '../../src/lark/crypto';
import { envelope, textMessageEvent } from '../../src/sandbox';
import { Harness } from '../helpers/harness';

const KEY = 'test-encrypt-key';
const TOKEN = 'test-verification-token';

function signedHeaders(raw: Buffer, opts: { ts?: number; key?: string } = {}) {
  const timestamp = String(opts.ts ?? Math.floor(Date.now() / 1000));
  const nonce = randomBytes(8).toString('hex');
  return {
    'content-type': 'application/json',
    'x-lark-request-timestamp': timestamp,
    'x-lark-request-nonce': nonce,
    'x-lark-signature': larkSignature(timestamp, nonce, opts.key ?? KEY, raw),
  };
}

const base = () => ({ appId: 'cli_x', tenantKey: 't', token: TOKEN, at: new Date() });

function encrypted(payload: unknown): Buffer {
  return Buffer.from(JSON.stringify({ encrypt: encryptLarkPayload(JSON.stringify(payload), KEY) }));
}

describe('the Lark webhook', () => {
  let h: Harness;
  let url: string;
  beforeAll(async () => {
    h = await Harness.start();
    url = `${h.url}/lark/events`;
  });
  afterAll(async () => h.close());

  const post = async (body: Buffer | string, headers: Record<string, string>, target = url) => {
    const res = await fetch(target, { method: 'POST', body, headers });
    return { status: res.status, body: await res.text() };
  };

  it('echoes the challenge after checking the token, signed or (as Lark sends it) unsigned but encrypted', async () => {
    const res = await h.driver.challenge('c-123');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ challenge: 'c-123' });
    const raw = encrypted({ challenge: 'c-456', token: TOKEN, type: 'url_verification' });
    expect(await post(raw, { 'content-type': 'application/json' })).toEqual({ status: 200, body: '{"challenge":"c-456"}' });
    const wrong = encrypted({ challenge: 'c-789', token: 'guess', type: 'url_verification' });
    expect((await post(wrong, signedHeaders(wrong))).status).toBe(401);
  });

  it('refuses a forged signature, a wrong token and a stale timestamp with 401', async () => {
    const event = envelope(base(), 'im.message.receive_v1', {});
    const raw = encrypted(event);
    expect((await post(raw, signedHeaders(raw, { key: 'not-the-key' }))).status).toBe(401);
    const tampered = { ...signedHeaders(raw) };
    tampered['x-lark-signature'] = tampered['x-lark-signature'].replace(/^./, (c) => (c === 'a' ? 'b' : 'a'));
    expect((await post(raw, tampered)).status).toBe(401);
    const badToken = encrypted({ ...event, header: { ...event.header, token: 'wrong' } });
    expect((await post(badToken, signedHeaders(badToken))).status).toBe(401);
    const stale = Math.floor(Date.now() / 1000) - 9 * 3600;
    expect((await post(raw, signedHeaders(raw, { ts: stale }))).status).toBe(401);
    expect((await post(raw, {})).status).toBe(401);
  });

  it('answers 413 for a body over 1 MiB and 400 for non-JSON, never 500', async () => {
    const big = Buffer.alloc(1024 * 1024 + 10, 'a');
    expect((await post(big, signedHeaders(big))).status).toBe(413);
    const text = Buffer.from('not json at all');
    expect((await post(text, signedHeaders(text))).status).toBe(400);
    const badCipher = Buffer.from(JSON.stringify({ encrypt: 'AAAA' }));
    expect((await post(badCipher, signedHeaders(badCipher))).status).toBe(400);
    const res = await fetch(url, { method: 'GET' });
    expect(res.status).toBe(405);
  });

  it('gives every one of 2,000 random bodies a 4xx and stays up', async () => {
    const bodies = fc.sample(
      fc.oneof(
        fc.string({ maxLength: 200 }),
        fc.json({ maxDepth: 3 }),
        fc.uint8Array({ maxLength: 300 }).map((b) => Buffer.from(b).toString('latin1')),
        fc.record({ encrypt: fc.base64String({ maxLength: 120 }) }).map((o) => JSON.stringify(o)),
        fc.record({ schema: fc.constant('2.0'), header: fc.record({ token: fc.string(), event_id: fc.string() }), event: fc.object() }).map((o) => JSON.stringify(o)),
      ),
      { numRuns: 2000, seed: 20261122 },
    );
    const statuses = new Map<number, number>();
    for (let i = 0; i < bodies.length; i += 50) {
      const batch = bodies.slice(i, i + 50).map(async (b, j) => {
        const raw = Buffer.from(b, 'utf8');
        // Half signed with the right key (exercising decrypt/JSON/token paths), half unsigned.
        const headers = (i + j) % 2 ? signedHeaders(raw) : { 'content-type': 'application/json' };
        return (await post(raw, headers)).status;
      });
      for (const s of await Promise.all(batch)) statuses.set(s, (statuses.get(s) ?? 0) + 1);
    }
    for (const status of statuses.keys()) expect(status >= 400 && status < 500, `status ${status}`).toBe(true);
    const health = await fetch(`${h.url}/healthz`);
    expect(await health.json()).toEqual({ ok: true });
  });

  it('accepts a body with extra whitespace and \\u003c escapes when signed over its raw bytes', async () => {
    const inner = JSON.stringify(envelope(base(), 'application.bot.menu_v6', { operator: { operator_id: { open_id: 'ou_nobody' } }, event_key: 'help' }));
    const enc = encryptLarkPayload(inner, KEY);
    const raw = Buffer.from(`{\n   "encrypt" :  "${enc}" ,\n  "note": "\\u003cb\\u003e" }\n`);
    const res = await post(raw, signedHeaders(raw), `${url}?from=lark`);
    expect(res.status).toBe(200);
  });

  it('gives an event delivered five times at once exactly one effect', async () => {
    const who = h.person('赵敏').open_id;
    const event = textMessageEvent(base(), {
      sender: { open_id: who, user_id: '', union_id: '' },
      text: '帮助',
      messageId: 'om_dup1',
      chatId: 'oc_p2p_dup',
      chatType: 'p2p',
    });
    const raw = Buffer.from(JSON.stringify({ encrypt: encryptLarkPayload(JSON.stringify(event), KEY) }));
    const before = h.inbox('赵敏').length;
    const results = await Promise.all(Array.from({ length: 5 }, () => post(raw, signedHeaders(raw))));
    expect(results.map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);
    await h.settle();
    expect(h.inbox('赵敏').length - before).toBe(1);
    const rows = await h.db.selectFrom('inbox').selectAll().where('event_id', '=', event.header.event_id).execute();
    expect(rows).toHaveLength(1);
  });

  it('gives one message pushed under five event ids at once exactly one effect (de-duplicated by message_id)', async () => {
    const who = h.person('孙浩').open_id;
    const before = h.inbox('孙浩').length;
    const bodies = Array.from({ length: 5 }, () => {
      const event = textMessageEvent(base(), { sender: { open_id: who, user_id: '', union_id: '' }, text: '帮助', messageId: 'om_same_message', chatId: 'oc_p2p_same', chatType: 'p2p' });
      return Buffer.from(JSON.stringify({ encrypt: encryptLarkPayload(JSON.stringify(event), KEY) }));
    });
    const results = await Promise.all(bodies.map((raw) => post(raw, signedHeaders(raw))));
    expect(results.map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);
    await h.settle();
    expect(h.inbox('孙浩').length - before).toBe(1);
    const rows = await h.db.selectFrom('inbound_messages').selectAll().where('message_id', '=', 'om_same_message').execute();
    expect(rows).toHaveLength(1);
  });
});
