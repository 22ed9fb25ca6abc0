import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { DeferredCard, DeferredCardRenderer } from '../core/ports';
import type { Database, OutboxRow } from '../db/schema';
import { claimDue, markFailed, markRetry, markSent, outboxDepth, postpone, resumeAfterOutage } from '../db/outbox.repository';
import { type Metrics, registerOutboxBacklog } from '../metrics';
import { type WorkerClock, systemWorkerClock } from '../workers/clock';
import type { Pace } from '../workers/ingest-first';
import { groupInOrder, inLanes } from '../workers/lanes';
import { PollingLoop } from '../workers/polling-loop';
import type { CallResult, LarkApi } from './lark-api';
import { countFinal } from './outbox-health';
import { type RetryPolicy, DEFAULT_RETRY, nextDelayMs, withJitter } from './retry-policy';
import { SharedRateLimiter, type Acquired, type MessageLimits } from './shared-limiter';
import { resolveCall, type Resolved } from './outbox-targets';
import { merged } from '../core/merged';

export interface OutboxWorkerOptions {
  db: Kysely<Database>;
  api: Pick<LarkApi, 'sendMessage' | 'replyMessage' | 'patchMessage' | 'delayedUpdate'>;
  log: Logger;
  metrics?: Metrics;
  limits?: MessageLimits;
  retry?: Partial<RetryPolicy>;
  /** Extra bound on attempts besides the retry period (tests); unlimited by default. */
  maxAttempts?: number;
  leaseMs?: number;
  pollMs?: number;
  concurrency?: number;
  clock?: WorkerClock;
  /** The app's (domain) clock, which releases calm messages held for working hours; the worker clock by default. */
  domainNow?: () => Date;
  /** Paces each round against the ack path. */
  pace?: Pace;
  /** Rounds in flight while the outbox has work (see ROUNDS). */
  rounds?: number;
  /** Builds the cards queued to be built when sent (`render` rows); without it they are retried, then fail. */
  renderDeferred?: DeferredCardRenderer;
}

const OUTAGE_STREAK = 5;
/**
 * The longest pause between probes while Lark is down. A probe is one call, so probing every 10 s
 * costs Lark nothing, and sending resumes within 10 s of its recovery (with 60 s, up to a minute of
 * the app's 1,000-a-minute was lost after every outage).
 */
const OUTAGE_PROBE_MAX_MS = 10_000;
/** The longest wait for slots inside a round (worker clock); longer ones go back to polling. */
const ROOM_WAIT_MAX_MS = 1000;
/**
 * Slots waited for at once when the window is full: each round costs a dozen statements, while the
 * earliest of them idles only until the fourth frees (3 × 61 ms of a 61 s window).
 */
const SLOTS_PER_WAIT = 4;
/**
 * A round claims, books, calls and settles. A slot the window frees comes back a window after its
 * call ended, so the wait between its freeing and the next round's call is lost to the rate; with
 * a second round claiming and booking while the first's calls are out, that wait is shorter. Only
 * while there is a backlog: an idle worker still polls once. (A 28,000 fan-out on PostgreSQL at 20×
 * speed: 0.929 of Lark's 1,000 a minute with one round, 0.932–0.937 with two, 0.934 with three;
 * see BENCHMARKS.md.)
 */
const ROUNDS = 2;

/** Lark accepts a uuid of at most 50 characters; a hash of our key keeps it stable across restarts. */
export function larkUuid(idemKey: string): string {
  return createHash('sha256').update(idemKey).digest('hex').slice(0, 32);
}

/**
 * Sends what the outbox holds within Lark's limits (shared with every process on the database),
 * retries rate limits after the advised wait and outages for a day, and survives crashes without
 * duplicates (leases, and the idempotency key sent as `uuid`).
 */
export class OutboxWorker {
  private readonly loop: PollingLoop;
  private readonly limiter: SharedRateLimiter;
  private readonly retry: RetryPolicy;
  private readonly clock: WorkerClock;
  private readonly o: Required<Pick<OutboxWorkerOptions, 'leaseMs' | 'pollMs' | 'concurrency' | 'rounds'>> & OutboxWorkerOptions;
  /** Server errors in a row; past a few, Lark is probably down, so only one probe goes out at a time. */
  private failStreak = 0;
  /** While Lark is down, one probe at a time whatever the rounds. */
  private probeOut = false;
  /** A call went through after an outage: the rows waiting out their retries are pulled forward. */
  private resumeDue = false;
  /** When this process may make its next call (see spaced). */
  private nextCallAt = 0;

  constructor(opts: OutboxWorkerOptions) {
    this.o = { leaseMs: 30_000, pollMs: 500, concurrency: 16, rounds: ROUNDS, ...opts };
    this.clock = opts.clock ?? systemWorkerClock;
    this.retry = { ...DEFAULT_RETRY, ...opts.retry };
    this.limiter = new SharedRateLimiter(opts.db, () => this.clock.now(), opts.limits);
    if (opts.metrics) registerOutboxBacklog(opts.metrics, { depth: () => outboxDepth(opts.db), final: () => countFinal(opts.db) });
    this.loop = new PollingLoop({ name: 'outbox', tick: () => this.tick(), remaining: () => outboxDepth(this.o.db, this.o.domainNow?.() ?? this.now()), pollMs: this.o.pollMs, rounds: this.o.rounds, log: this.o.log, ...(opts.pace ? { pace: opts.pace } : {}) });
  }

  start(): void {
    this.loop.start();
  }

  stop(): Promise<void> {
    return this.loop.stop();
  }

  /** Called after an enqueue so a message goes out without waiting for the next poll. */
  notify(): void {
    this.loop.notify();
  }

  /** Sends until nothing is due or waiting (CLI and tests). */
  drain(timeoutMs = 60_000): Promise<void> {
    return this.loop.drain(timeoutMs);
  }

  async tick(): Promise<number> {
    // Claim only what may be sent at once or within a second: booked slots are used right away, so
    // Lark sees calls spaced as we booked them, and rows are not leased to wait out a window.
    const { room, inMs } = await this.roomSoon();
    if (room === 0) return 0;
    const roomAt = this.clock.now() + inMs;
    const probing = this.failStreak >= OUTAGE_STREAK;
    if (probing && this.probeOut) return 0;
    if (probing) this.probeOut = true;
    try {
      return await this.round(room, roomAt, probing);
    } finally {
      if (probing) this.probeOut = false;
    }
  }

  private async round(room: number, roomAt: number, probing: boolean): Promise<number> {
    const domainNow = this.o.domainNow?.() ?? this.now();
    const rows = await claimDue(this.o.db, this.now(), this.o.leaseMs, probing ? 1 : Math.min(room, this.o.concurrency), domainNow);
    // Rows going back to the queue, in one statement once the round's calls are made.
    const later: Later[] = [];
    const calls = await this.resolveAll(rows, later);
    // Claimed while the window frees the slots: a freed slot then waits only for its booking and
    // call. Each slot comes back a window after its call ends, so every millisecond between its
    // freeing and the next call is lost to the rate (the claim was a third of that on PostgreSQL).
    const wait = roomAt - this.clock.now();
    if (wait > 0 && calls.length > 0) await this.clock.sleep(wait);
    // The round's slots are booked together, just before its calls (one transaction, not one each).
    const slots = await this.limiter.acquireBatch(calls.map((c) => c.resolved.bucket));
    const booked = calls.map((c, i) => merged(c, { slot: slots[i]! }));
    // One lane per recipient at a time, in queue order: a recipient's messages arrive as they were queued.
    const sent: Sent[] = [];
    await inLanes(groupInOrder(booked, (c) => c.row.receive_id ?? c.row.id), this.o.concurrency, (lane) => this.deliverInOrder(lane, sent, later));
    await Promise.all([this.settleSent(sent), postpone(this.o.db, later)]);
    return rows.length;
  }

  /**
   * Calls the app may make now, or in `inMs`. A full window frees its slots at known instants: when
   * a few of them come within a second the round waits for them and uses them as they free, instead
   * of idling until the next poll (at 1,000 a minute the window frees a slot every 61 ms). A window
   * with fewer than four slots free is waited on the same way: taking each slot as it freed made
   * every round a round of one or two (eight or nine statements a message while the window stayed
   * full, about 4 ms of the bot's CPU each on PostgreSQL). The booking that follows still decides
   * each call, so another instance taking a slot first only postpones a row.
   */
  private async roomSoon(): Promise<{ room: number; inMs: number }> {
    const { room, waitMs } = await this.limiter.roomOrWait(SLOTS_PER_WAIT);
    if (waitMs > 0 && waitMs <= ROOM_WAIT_MAX_MS) return { room: SLOTS_PER_WAIT, inMs: waitMs };
    // Room enough now, or four are further off than a wait in a round: what room there is (none: poll).
    return { room, inMs: 0 };
  }

  private now(): Date {
    return new Date(this.clock.now());
  }

  /** Rows with something to call; the others go back (`later`) with a due time, or fail. */
  private async resolveAll(rows: OutboxRow[], later: Later[]): Promise<Callable[]> {
    const callable: Callable[] = [];
    for (const row of rows) {
      const resolved = await resolveCall(this.o.db, row);
      if (resolved.kind === 'wait') later.push({ id: row.id, at: new Date(this.clock.now() + resolved.ms) });
      else if (resolved.kind === 'never') await this.settle(row, { ok: false, retry: 'never', error: resolved.error }, resolved);
      else if (row.render === null) callable.push({ row, resolved });
      else {
        const content = await this.rendered(row, resolved);
        if (content !== null) callable.push({ row: { ...row, content }, resolved });
      }
    }
    return callable;
  }

  /**
   * A deferred card built from the data as it stands now; null when the row was settled instead:
   * skipped when nothing is left to show, or retried like a failed call when building failed (the
   * database, not Lark: no outage is counted) and given up once the retry period has passed.
   */
  private async rendered(row: OutboxRow, resolved: Resolved): Promise<string | null> {
    try {
      if (!this.o.renderDeferred) throw new Error('this process cannot build deferred cards');
      const card = await this.o.renderDeferred(JSON.parse(row.render!) as DeferredCard);
      if (card !== null) return JSON.stringify(card);
      await markFailed(this.o.db, row.id, 'nothing left to show when it was due', 'skipped');
      this.o.metrics?.outboxSent.inc({ result: 'skipped' });
    } catch (e) {
      this.o.log.error({ key: row.idem_key, err: e }, 'deferred card not built');
      await this.settle(row, { ok: false, retry: 'transient', error: `building the card failed: ${(e as Error).message}` }, resolved);
    }
    return null;
  }

  /**
   * A recipient's rows one after the other; when one has no slot, it and the rest wait for one (put
   * back with the round's others: a round offered slots another round took has a few every time).
   */
  private async deliverInOrder(calls: Booked[], sent: Sent[], later: Later[]): Promise<void> {
    for (let i = 0; i < calls.length; i++) {
      const { slot } = calls[i]!;
      if (!slot.ok) {
        const at = new Date(this.clock.now() + slot.waitMs);
        for (const c of calls.slice(i)) later.push({ id: c.row.id, at });
        return;
      }
      await this.deliver(calls[i]!, slot.ids, sent);
    }
  }

  /**
   * Makes the call in the slot booked for it. An accepted call's slot and row are written with the
   * rest of the round's (settleSent); a failed one's at once, side by side, since its retry may pause
   * a bucket before the round's later calls.
   */
  private async deliver({ row, resolved }: Callable, ids: string[], sent: Sent[]): Promise<void> {
    await this.spaced();
    const result = await this.call(row, resolved).catch((e: Error): CallResult => ({ ok: false, retry: 'transient', error: e.message }));
    const endedAt = this.clock.now();
    if (!result.ok) return void (await Promise.all([this.limiter.stamp([{ ids, endedAt }]), this.countOutage(result).then(() => this.settle(row, result, resolved))]));
    if (this.failStreak >= OUTAGE_STREAK) this.resumeDue = true;
    this.failStreak = 0;
    sent.push({ row, ids, endedAt, messageId: result.messageId });
  }

  /**
   * Waits for this process's next call time, one every 22 ms (Lark's 50 a second, evenly). The
   * booking still decides whether a call may be made at all; this only keeps a freed second window's
   * 50 calls from going out within a few milliseconds, which held the event loop for 100–150 ms on
   * PostgreSQL and made the card clicks that arrived meanwhile wait as long.
   */
  private async spaced(): Promise<void> {
    const now = this.clock.now();
    const { secondWindowMs, appPerSecond } = this.limiter.limits;
    const at = Math.max(now, this.nextCallAt);
    this.nextCallAt = at + secondWindowMs / appPerSecond;
    if (at > now) await this.clock.sleep(at - now);
  }

  /**
   * The round's accepted calls in two statements side by side (their slots stamped, their rows
   * marked sent), not two for each call. A fan-out on PostgreSQL is bound by round trips: pg's
   * socket writes were the sender's largest cost, and the next round starts when this one's rows
   * are settled.
   */
  private async settleSent(sent: Sent[]): Promise<void> {
    if (sent.length === 0) return;
    const now = this.now();
    await Promise.all([this.limiter.stamp(sent), markSent(this.o.db, sent.map((s) => ({ id: s.row.id, messageId: s.messageId })), now)]);
    this.o.metrics?.outboxSent.inc({ result: 'sent' }, sent.length);
    if (!this.resumeDue) return;
    this.resumeDue = false;
    await resumeAfterOutage(this.o.db, now);
  }

  private call(row: OutboxRow, r: Extract<Resolved, { kind: 'call' }>): Promise<CallResult> {
    const uuid = larkUuid(row.idem_key);
    const api = this.o.api;
    switch (r.op) {
      case 'send':
        return api.sendMessage(row.receive_id_type!, row.receive_id!, row.msg_type, row.content, uuid);
      case 'reply':
        return api.replyMessage(r.messageId, row.msg_type, row.content, uuid);
      case 'patch':
        return api.patchMessage(r.messageId, row.content);
      case 'update':
        return api.delayedUpdate(row.callback_token!, row.content);
    }
  }

  /** A call Lark failed: past a few in a row it is probably down. */
  private async countOutage(result: Failed): Promise<void> {
    if (result.retry === 'transient' && ++this.failStreak >= OUTAGE_STREAK) {
      // Back off the whole app (every process sees the pause) instead of every row hammering a service that is down.
      await this.limiter.pause('app', Math.min(OUTAGE_PROBE_MAX_MS, 1000 * 2 ** (this.failStreak - OUTAGE_STREAK)));
    }
  }

  /** A call that failed, could not be made, or whose card could not be built: retried later, rerouted, or failed for good. */
  private async settle(row: OutboxRow, result: Failed, resolved: Resolved): Promise<void> {
    const db = this.o.db;
    const now = this.now();
    const count = (result: string) => this.o.metrics?.outboxSent.inc({ result });
    if (row.op === 'update' && result.retry !== 'transient') {
      // The token is spent, expired or refused: update the card with a PATCH instead.
      await db.updateTable('outbox').set({ op: 'patch', callback_token: null, status: 'pending', lease_until: null, next_attempt_at: now.toISOString() }).where('id', '=', row.id).execute();
      return void count('update_fallback');
    }
    if (result.retry === 'rate-limited') {
      const bucket = result.scope === 'app' || resolved.kind !== 'call' ? 'app' : resolved.bucket;
      await this.limiter.pause(bucket, result.afterMs);
      await markRetry(db, row.id, new Date(now.getTime() + withJitter(result.afterMs)), result.error, false);
      return void count('rate_limited');
    }
    const attempts = row.attempts + 1;
    const since = row.failing_since ?? now.toISOString();
    const outageMs = now.getTime() - Date.parse(since);
    if (result.retry === 'never' || outageMs >= this.retry.giveUpAfterMs || (this.o.maxAttempts !== undefined && attempts >= this.o.maxAttempts)) {
      const status = result.retry === 'never' ? 'failed' : 'given_up';
      await markFailed(db, row.id, result.error, status);
      count(status);
      this.o.metrics?.outboxGivenUp.inc({ reason: status });
      this.o.log.warn({ key: row.idem_key, error: result.error, attempts, since }, status === 'failed' ? 'outbound message refused by Lark' : 'outbound message given up after retrying');
      return;
    }
    await markRetry(db, row.id, new Date(now.getTime() + withJitter(nextDelayMs(this.retry, row.attempts))), result.error, true, since);
    count('retry');
  }
}

type Callable = { row: OutboxRow; resolved: Extract<Resolved, { kind: 'call' }> };
type Booked = Callable & { slot: Acquired };
type Failed = Exclude<CallResult, { ok: true }>;
type Sent = { row: OutboxRow; ids: string[]; endedAt: number; messageId: string | null };
type Later = { id: string; at: Date };
