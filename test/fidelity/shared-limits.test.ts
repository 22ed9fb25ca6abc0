import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { systemClock } from '../../src/core/clock';
import type { Kysely } from 'kysely';
import { openStore, type Store } from '../../src/db/connect';
import type { Database } from '../../src/db/schema';
import { outboxMessenger } from '../../src/db/outbox.repository';
import { LarkApi } from '../../src/lark/lark-api';
import { OutboxWorker, type OutboxWorkerOptions } from '../../src/lark/outbox-worker';
import { IN_FLIGHT_LEASE_MS, LARK_MESSAGE_LIMITS, SharedRateLimiter, type Acquired } from '../../src/lark/shared-limiter';
import { buildOrg, LarkSandbox } from '../../src/sandbox';
import { createTestStore, dialectsUnderTest, type TestStore } from '../helpers/stores';

/**
 * Two senders on one database (two connections, as the server and a CLI job or two instances have)
 * keep within Lark's limits together: what one books, the other counts.
 */
function slotIds(booked: Acquired[]): string[] {
  return booked.flatMap((x) => (x.ok ? x.ids : []));
}

describe.each(dialectsUnderTest())('limits shared through the database (%s)', (dialect) => {
  let store: TestStore | undefined;
  let second: Store | undefined;
  let sandbox: LarkSandbox | undefined;
  afterEach(async () => {
    await sandbox?.stop();
    await second?.close();
    await store?.close();
  });

  /**
   * PostgreSQL: two pools, as two instances. SQLite: one connection shared by both senders, because
   * two synchronous SQLite connections in one process would block each other's transactions (in
   * separate processes SQLite's busy timeout lets one wait for the other).
   */
  async function twoConnections() {
    store = await createTestStore(dialect, dialect === 'sqlite' ? { file: join(mkdtempSync(join(tmpdir(), 'pingshi-limits-')), 'bot.db') } : {});
    if (dialect === 'sqlite') return [store.db, store.db] as const;
    second = openStore(store.url);
    return [store.db, second.db] as const;
  }

  /** A limiter on each connection, on one clock that `advance` moves. */
  async function twoLimiters() {
    const [a, b] = await twoConnections();
    let now = Date.parse('2026-11-20T07:00:00Z');
    const clock = () => now;
    return { left: new SharedRateLimiter(a, clock), right: new SharedRateLimiter(b, clock), now: clock, advance: (ms: number) => void (now += ms) };
  }

  /**
   * A sandbox of `people` staff under an app id of the test's own (one for each dialect), with a
   * notice to each queued on `db`; `worker` builds a sender against it on any connection.
   */
  async function noticeToEach(db: Kysely<Database>, people: number, appIds: [sqlite: string, postgres: string], seed: number) {
    const org = buildOrg({ units: [{ id: 'D1', name: '测试处', staff: Array.from({ length: people }, (_, i) => ({ name: `人员${i}` })) }] });
    const appId = `cli_shared${dialect === 'sqlite' ? appIds[0] : appIds[1]}aaaaaaaa`;
    const lark = (sandbox = new LarkSandbox({ appId, appSecret: 's', org, seed }));
    const { url } = await lark.start(0);
    const messenger = outboxMessenger(db, systemClock);
    for (const u of org.users) await messenger.send({ type: 'open_id', id: u.open_id }, { kind: 'text', text: '通知' }, `n:${u.open_id}`);
    const worker = (on: Kysely<Database>, opts: Partial<OutboxWorkerOptions> = {}) => new OutboxWorker({ db: on, api: new LarkApi({ appId, appSecret: 's', baseUrl: url }), log: pino({ level: 'silent' }), ...opts });
    return { org, messenger, worker, lark };
  }

  it('counts the app’s minute and a user’s second across connections', async () => {
    const { left, right, now, advance } = await twoLimiters();
    for (let s = 0; s < 20; s++) {
      const booked = await Promise.all([
        left.acquireBatch(Array.from({ length: 25 }, (_, i) => `user:${s}-l${i}`)),
        right.acquireBatch(Array.from({ length: 30 }, (_, i) => `user:${s}-r${i}`)),
      ]);
      expect(booked.flat().filter((x) => x.ok)).toHaveLength(50); // 50 a second between them
      await left.stamp([{ ids: slotIds(booked.flat()), endedAt: now() }]); // the calls were made: each counts from now
      advance(1100);
    }
    // 1,000 booked in 22 s: the minute is full until the first second's bookings leave it.
    const [full] = await right.acquireBatch(['user:late']);
    expect(full).toMatchObject({ ok: false });
    expect((full as { waitMs: number }).waitMs).toBeGreaterThan(30_000);
    expect(await left.capacity()).toBe(0);
    expect(await left.roomOrWait(1)).toEqual({ room: 0, waitMs: (full as { waitMs: number }).waitMs });
    expect(await right.roomOrWait(1)).toEqual({ room: 0, waitMs: (full as { waitMs: number }).waitMs });
    advance((full as { waitMs: number }).waitMs);
    expect((await right.roomOrWait(1)).waitMs).toBe(0);
    expect(await left.acquireBatch(['user:late'])).toMatchObject([{ ok: true }]);

    const same = await Promise.all([left.acquireBatch(['user:one', 'user:one', 'user:one']), right.acquireBatch(['user:one', 'user:one', 'user:one'])]);
    expect(same.flat().filter((x) => x.ok)).toHaveLength(5); // 5 a second to one person
  });

  it('stamps a round’s calls in one go, each from its own end', async () => {
    const { left, right, now, advance } = await twoLimiters();
    const round = await left.acquireBatch(Array.from({ length: 50 }, (_, i) => `user:r${i}`));
    const start = now();
    // The round's calls ended 10 ms apart, and are written together after the last.
    const calls = round.map((slot, i) => ({ ids: slotIds([slot]), endedAt: start + 10 * i }));
    advance(500);
    await left.stamp(calls);
    // The second window (1.1 s) lets the first calls go as they leave it, one every 10 ms.
    advance(1100 - 500 + 1);
    expect(await right.capacity()).toBe(1);
    advance(10 * 9);
    expect(await right.capacity()).toBe(10);
  });

  it('says how long until four calls when a nearly full window has room for fewer', async () => {
    const { left, right, now, advance } = await twoLimiters();
    // 998 calls of the minute, 50 a second; the first second's leave it first, all at once.
    for (let s = 0; s < 20; s++) {
      const booked = await left.acquireBatch(Array.from({ length: s === 19 ? 48 : 50 }, (_, i) => `user:${s}-${i}`));
      await left.stamp([{ ids: slotIds(booked), endedAt: now() }]);
      advance(1100);
    }
    const firstLeaves = 61_000 - 20 * 1100;
    // Two slots now: a round that asks for one takes them; one that asks for four learns when.
    expect(await right.roomOrWait(1)).toEqual({ room: 2, waitMs: 0 });
    expect(await right.roomOrWait(4)).toEqual({ room: 2, waitMs: firstLeaves });
    advance(firstLeaves);
    expect(await right.roomOrWait(4)).toEqual({ room: 50, waitMs: 0 });
  });

  it('gives no room while the app is paused, and says until when', async () => {
    const { left, right, advance } = await twoLimiters();
    await left.pause('app', 5000);
    expect(await right.roomOrWait(4)).toEqual({ room: 0, waitMs: 5000 });
    advance(5000);
    expect(await right.roomOrWait(4)).toEqual({ room: 50, waitMs: 0 });
  });

  it('counts a booked call until it is stamped, however late it reaches Lark', async () => {
    const { left, right, now, advance } = await twoLimiters();
    const inFlight = await left.acquireBatch(Array.from({ length: 50 }, (_, i) => `user:a${i}`));
    expect(inFlight.filter((x) => x.ok)).toHaveLength(50);
    // Two seconds on, the calls have still not been made (a busy loop, a slow token fetch): Lark has
    // not counted them yet, so their slots are still taken.
    advance(2000);
    expect(await right.capacity()).toBe(0);
    expect(await right.acquireBatch(['user:b'])).toMatchObject([{ ok: false }]);
    // The calls end now: they count for a whole window from here, then leave it.
    await left.stamp([{ ids: slotIds(inFlight), endedAt: now() }]);
    advance(1000);
    expect(await right.capacity()).toBe(0);
    advance(101);
    expect(await right.capacity()).toBe(50);
    expect(await right.acquireBatch(['user:b'])).toMatchObject([{ ok: true }]);
  });

  it('lets the slots of a call never stamped (its process was killed) go after the lease', async () => {
    const { left: killed, right: survivor, advance } = await twoLimiters();
    expect((await killed.acquireBatch(Array.from({ length: 50 }, (_, i) => `user:k${i}`))).filter((x) => x.ok)).toHaveLength(50);
    advance(IN_FLIGHT_LEASE_MS);
    expect(await survivor.capacity()).toBe(0);
    advance(LARK_MESSAGE_LIMITS.secondWindowMs + 1);
    expect(await survivor.capacity()).toBe(50);
  });

  it('keeps two workers together within Lark’s windows, so the sandbox refuses nothing', async () => {
    const [a, b] = await twoConnections();
    const { org, messenger, worker, lark } = await noticeToEach(a, 120, ['01', '02'], 5);
    const [first] = org.users;
    for (let i = 0; i < 10; i++) await messenger.send({ type: 'open_id', id: first!.open_id }, { kind: 'text', text: `第${i}条` }, `same:${i}`);
    await Promise.all([worker(a, { pollMs: 20 }).drain(60_000), worker(b, { pollMs: 20 }).drain(60_000)]);
    expect(lark.messages()).toHaveLength(130);
    expect(lark.refusedBy).toEqual({}); // names the window that refused, if one did
    expect(lark.rateLimited).toBe(0);
  });

  it('puts back the rows of a round that another took the slots of, each due when the window frees', async () => {
    const [a, b] = await twoConnections();
    const { worker, lark } = await noticeToEach(a, 8, ['05', '06'], 7);
    const limits = { ...LARK_MESSAGE_LIMITS, appPerMinute: 4 };
    // A full minute whose four calls all leave it 500 ms from now.
    const start = Date.parse('2026-11-20T07:00:00Z');
    const earlier = new SharedRateLimiter(a, () => start - 60_500, limits);
    await earlier.stamp([{ ids: slotIds(await earlier.acquireBatch(['user:a', 'user:b', 'user:c', 'user:d'])), endedAt: start - 60_500 }]);
    // Both rounds see those four slots coming, claim four rows each and wait for them together.
    let now = start;
    let waiting: Array<() => void> = [];
    let roomWaits = 0;
    const clock = {
      now: () => now,
      sleep: (ms: number) =>
        new Promise<void>((resolve) => {
          // The two rounds' waits for the slots end together; the sleeps after them, which space
          // a round's calls 22 ms apart, end at once (the clock stands still during the calls).
          if (roomWaits++ >= 2) return resolve();
          waiting.push(resolve);
          if (waiting.length < 2) return;
          now += ms;
          for (const wake of waiting) wake();
          waiting = [];
        }),
    };
    const round = (db: typeof a) => worker(db, { clock, limits, pollMs: 60_000 }).tick();

    expect(await Promise.all([round(a), round(b)])).toEqual([4, 4]);
    expect(lark.messages()).toHaveLength(4);
    // The other round's four are back in the queue for any worker, due a window after the first
    // four calls (the clock stands still during them).
    const back = await a.selectFrom('outbox').select(['status', 'next_attempt_at', 'lease_until']).where('status', '!=', 'sent').execute();
    expect(back).toEqual(Array.from({ length: 4 }, () => ({ status: 'pending', next_attempt_at: new Date(start + 500 + 61_000).toISOString(), lease_until: null })));
  });

  it('spaces a round’s calls 22 ms apart (Lark’s 50 a second, evenly) instead of sending them at once', async () => {
    store = await createTestStore(dialect);
    const { worker: sender, lark } = await noticeToEach(store.db, 5, ['07', '08'], 8);
    const slept: number[] = [];
    const clock = { now: () => Date.parse('2026-11-20T07:00:00Z'), sleep: async (ms: number) => void slept.push(ms) };
    expect(await sender(store.db, { clock, pollMs: 60_000 }).tick()).toBe(5);
    expect(slept.sort((a, b) => a - b)).toEqual([22, 44, 66, 88]);
    expect(lark.messages()).toHaveLength(5);
  });

  it('uses a slot the moment the full window frees it, instead of waiting for the next poll', async () => {
    store = await createTestStore(dialect);
    const { worker: sender, lark } = await noticeToEach(store.db, 3, ['03', '04'], 6);
    // Two calls per 500 ms: the third message must wait for the first call to leave the window.
    let now = Date.parse('2026-11-20T07:00:00Z');
    const slept: number[] = [];
    const clock = {
      now: () => now,
      sleep: async (ms: number) => {
        slept.push(ms);
        now += ms;
      },
    };
    const limits = { appPerSecond: 50, appPerMinute: 2, targetPerSecond: 5, secondWindowMs: 1100, minuteWindowMs: 500 };
    const worker = sender(store.db, { clock, limits, pollMs: 60_000 });

    expect(await worker.tick()).toBe(2);
    expect(await worker.tick()).toBe(1); // not 0 (then the loop would sleep its 60 s poll)
    // The first round's two calls 22 ms apart (50 a second, evenly), then the wait for the window.
    expect(slept).toEqual([22, 500]);
    expect(lark.messages()).toHaveLength(3);
  });
});
