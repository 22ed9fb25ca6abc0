import { sql, type Kysely } from 'kysely';
import { newId } from '../core/ids';
import { valueById } from '../core/sql-dialect';
import type { Database } from '../db/schema';

/**
 * Lark's message limits counted in the database, so the server, a CLI job and other instances stay
 * within them together: 50/s and 1,000/min per app, 5/s per user or group chat, 5/s PATCH per message.
 * Sliding windows (a log of admitted calls), a little longer than Lark's so clock skew never tips
 * one over (limiter-clock.ts checks the hosts keep within it). The minute's extra second is also for
 * Lark's own counting, which may go by whole seconds (x-ogw-ratelimit-reset is in seconds): a 60 s
 * window of calls can touch 61 of its one-second buckets. 1,000 per 61 s still reaches 98 % of
 * 1,000/min. One lock row serialises the check and the booking across processes (SQLite takes its
 * write lock on the first UPDATE; PostgreSQL a row lock).
 */
export interface MessageLimits {
  appPerSecond: number;
  appPerMinute: number;
  targetPerSecond: number;
  secondWindowMs: number;
  minuteWindowMs: number;
}

export const LARK_MESSAGE_LIMITS: MessageLimits = {
  appPerSecond: 50,
  appPerMinute: 1000,
  targetPerSecond: 5,
  secondWindowMs: 1100,
  minuteWindowMs: 61_000,
};

const APP = 'app';
const KEEP_MS = 120_000;
/**
 * A booked call counts as made from its booking until it is stamped: it stands at now + this lease
 * meanwhile, inside every window. The lease outlasts a call's token fetch and request (10 s timeout
 * each); the slots of a process killed before stamping count until it has passed.
 */
export const IN_FLIGHT_LEASE_MS = 25_000;

export type Acquired = { ok: true; ids: string[] } | { ok: false; waitMs: number };

type Db = Kysely<Database>;

export class SharedRateLimiter {
  private bookings = 0;

  constructor(
    private readonly db: Db,
    private readonly now: () => number,
    readonly limits: MessageLimits = LARK_MESSAGE_LIMITS,
  ) {}

  /**
   * Books calls for a batch of targets, in order, in one transaction: each gets a slot if its own
   * window and the app's have room (counting the slots booked earlier in the batch), else a wait.
   */
  async acquireBatch(targets: string[]): Promise<Acquired[]> {
    if (targets.length === 0) return [];
    return this.db.transaction().execute(async (trx) => {
      // Toggling keeps the lock row's value bounded; the write is what serialises the transaction.
      await trx.updateTable('rate_lock').set({ n: sql<number>`1 - n` }).where('name', '=', 'limiter').execute();
      const now = this.now();
      const l = this.limits;
      const distinct = [...new Set(targets)];
      const [pauses, perSecond, perMinute, counts] = await Promise.all([
        trx.selectFrom('rate_pauses').select(['bucket', 'until_ms']).where('bucket', 'in', [APP, ...distinct]).where('until_ms', '>', now).execute(),
        this.count(trx, APP, now - l.secondWindowMs),
        this.count(trx, APP, now - l.minuteWindowMs),
        trx
          .selectFrom('rate_events')
          .select(['bucket', (eb) => eb.fn.countAll().as('n')])
          .where('bucket', 'in', distinct)
          .where('at_ms', '>', now - l.secondWindowMs)
          .groupBy('bucket')
          .execute(),
      ]);
      const pausedUntil = new Map(pauses.map((p) => [p.bucket, Number(p.until_ms)]));
      const used = new Map(counts.map((c) => [c.bucket, Number(c.n)]));
      let room = Math.min(l.appPerSecond - perSecond, l.appPerMinute - perMinute);
      let appWait: number | undefined;
      const results: Acquired[] = [];
      const booked: string[] = [];
      const rows: Array<{ id: string; bucket: string; at_ms: number }> = [];
      for (const target of targets) {
        const paused = Math.max(pausedUntil.get(APP) ?? 0, pausedUntil.get(target) ?? 0) - now;
        if (paused > 0) {
          results.push({ ok: false, waitMs: paused });
          continue;
        }
        if ((used.get(target) ?? 0) >= l.targetPerSecond) {
          results.push({ ok: false, waitMs: await this.windowWait(trx, target, l.targetPerSecond, l.secondWindowMs, now, booked.filter((b) => b === target).length) });
          continue;
        }
        if (room <= 0) {
          appWait ??= await this.appWindowWait(trx, now, booked.length);
          results.push({ ok: false, waitMs: appWait });
          continue;
        }
        room--;
        used.set(target, (used.get(target) ?? 0) + 1);
        booked.push(target);
        // In flight until stamped: a call can reach Lark long after its booking (a busy loop, a lane
        // of the same recipient's calls before it), and the booking must not leave a window first.
        const pair = [
          { id: newId('re'), bucket: APP, at_ms: now + IN_FLIGHT_LEASE_MS },
          { id: newId('re'), bucket: target, at_ms: now + IN_FLIGHT_LEASE_MS },
        ];
        rows.push(...pair);
        results.push({ ok: true, ids: pair.map((r) => r.id) });
      }
      if (rows.length > 0) await trx.insertInto('rate_events').values(rows).execute();
      this.bookings += booked.length;
      if (this.bookings >= 500) {
        this.bookings = 0;
        await trx.deleteFrom('rate_events').where('at_ms', '<', now - KEEP_MS).execute();
      }
      return results;
    });
  }

  /**
   * Stamps booked slots with the time their call finished, ending their lease. Lark counts a call
   * when it arrives, which can be well after the booking (a token fetch, a busy event loop); counting
   * it from its end keeps our windows behind Lark's, never ahead. A round's calls are stamped in one
   * statement, each with its own end.
   */
  async stamp(calls: ReadonlyArray<{ ids: string[]; endedAt: number }>): Promise<void> {
    const slots = calls.flatMap((c) => c.ids.map((id) => ({ id, at: c.endedAt })));
    if (slots.length === 0) return;
    // The instants are numbers of ours, written as literals: a parameter in a CASE has no type on PostgreSQL.
    const at = valueById<number>(slots.map((s) => [s.id, sql.lit(s.at)]));
    await this.db.updateTable('rate_events').set({ at_ms: at }).where('id', 'in', slots.map((s) => s.id)).execute();
  }

  /** Calls the app could still make now without waiting (how many rows a worker should claim). */
  async capacity(): Promise<number> {
    return (await this.appState(this.now())).room;
  }

  /**
   * What a worker asks before each round: the calls the app may make now (`room`) and, when that is
   * fewer than `calls`, how long until it may make `calls` (enough of the oldest calls in a full
   * window have left it, or a pause has ended). `calls` counts at most what a window holds. Both
   * windows and the pause are read in one statement, and the wait in one more only when the room is
   * short (a round trip costs the sender more than the counting, see OutboxWorker.settleSent).
   */
  async roomOrWait(calls: number): Promise<{ room: number; waitMs: number }> {
    const now = this.now();
    const want = Math.min(calls, this.limits.appPerSecond, this.limits.appPerMinute);
    const { room, second, minute, pausedMs } = await this.appState(now);
    if (room >= want) return { room, waitMs: 0 };
    return { room, waitMs: Math.max(pausedMs, await this.appWindowWait(this.db, now, want - 1, { second, minute })) };
  }

  /** The app's calls in each window, its pause, and the room they leave: one statement. */
  private async appState(now: number): Promise<{ room: number; second: number; minute: number; pausedMs: number }> {
    const l = this.limits;
    const state = await this.db
      .selectNoFrom((eb) => [
        this.used(this.db, APP, now - l.secondWindowMs).as('second'),
        this.used(this.db, APP, now - l.minuteWindowMs).as('minute'),
        eb.selectFrom('rate_pauses').select((p) => p.fn.max('until_ms').as('until')).where('bucket', '=', APP).where('until_ms', '>', now).as('paused_until'),
      ])
      .executeTakeFirstOrThrow();
    const [second, minute] = [Number(state.second ?? 0), Number(state.minute ?? 0)];
    const pausedMs = state.paused_until === null ? 0 : Math.max(0, Number(state.paused_until) - now);
    const room = pausedMs > 0 ? 0 : Math.max(0, Math.min(l.appPerSecond - second, l.appPerMinute - minute));
    return { room, second, minute, pausedMs };
  }

  /** After Lark refused with a wait (99991400 for the app, 230020 for one user or chat), nobody sends there until it passes. */
  async pause(bucket: 'app' | string, ms: number): Promise<void> {
    const until = this.now() + ms;
    const res = await this.db.updateTable('rate_pauses').set({ until_ms: until }).where('bucket', '=', bucket).where('until_ms', '<', until).executeTakeFirst();
    if (Number(res.numUpdatedRows) > 0) return;
    await this.db
      .insertInto('rate_pauses')
      .values({ bucket, until_ms: until })
      .onConflict((oc) => oc.column('bucket').doNothing())
      .execute();
  }

  /** The bucket's calls since `after`: a statement of its own (count), or a column of appState's. */
  private used(db: Db, bucket: string, after: number) {
    return db.selectFrom('rate_events').select((eb) => eb.fn.countAll().as('n')).where('bucket', '=', bucket).where('at_ms', '>', after);
  }

  private async count(db: Db, bucket: string, after: number): Promise<number> {
    const row = await this.used(db, bucket, after).executeTakeFirst();
    return Number(row?.n ?? 0);
  }

  /**
   * Until both of the app's windows (second and minute) have room for one call besides `extra`
   * booked just now; `counted`, the calls in each window when the caller has just read them.
   */
  private async appWindowWait(db: Db, now: number, extra: number, counted?: { second: number; minute: number }): Promise<number> {
    const l = this.limits;
    const waits = await Promise.all([
      this.windowWait(db, APP, l.appPerSecond, l.secondWindowMs, now, extra, counted?.second),
      this.windowWait(db, APP, l.appPerMinute, l.minuteWindowMs, now, extra, counted?.minute),
    ]);
    return Math.max(...waits);
  }

  /**
   * 0 when the window has room; else until its oldest booking that must leave does. `extra` were
   * booked just now; `counted`, the bookings in the window when the caller has just read them.
   */
  private async windowWait(db: Db, bucket: string, limit: number, windowMs: number, now: number, extra = 0, counted?: number): Promise<number> {
    const stored = counted ?? (await this.count(db, bucket, now - windowMs));
    const n = stored + extra;
    if (n < limit) return 0;
    if (n - limit >= stored) return windowMs; // only this batch's bookings would have to leave
    const row = await db
      .selectFrom('rate_events')
      .select('at_ms')
      .where('bucket', '=', bucket)
      .where('at_ms', '>', now - windowMs)
      .orderBy('at_ms')
      .limit(1)
      .offset(n - limit)
      .executeTakeFirst();
    // A slot still in flight leaves the window no sooner than a whole window after its call ends.
    return Math.max(1, Math.min(Number(row?.at_ms ?? now), now) + windowMs - now);
  }
}
