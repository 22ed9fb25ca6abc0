import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { Database, OutboxRow } from '../db/schema';
import { claimDue, findByKey, markFailed, markRetry, markSent, outboxDepth } from '../db/outbox.repository';
import type { Metrics } from '../metrics';
import type { CallResult, LarkApi } from './lark-api';
import { RateLimiter, type RateLimits } from './rate-limiter';
import { PollingLoop } from '../workers/polling-loop';

export interface OutboxWorkerOptions {
  db: Kysely<Database>;
  api: Pick<LarkApi, 'sendMessage' | 'replyMessage' | 'patchMessage'>;
  log: Logger;
  metrics?: Metrics;
  limits?: RateLimits;
  maxAttempts?: number;
  leaseMs?: number;
  pollMs?: number;
  concurrency?: number;
}

/** Lark accepts a uuid of at most 50 characters; a hash of our key keeps it stable across restarts. */
export function larkUuid(idemKey: string): string {
  return createHash('sha256').update(idemKey).digest('hex').slice(0, 32);
}

function backoffMs(attempts: number): number {
  const base = Math.min(60_000, 1000 * 2 ** attempts);
  return base / 2 + Math.random() * (base / 2);
}

/** Sends what the outbox holds, at Lark's pace, surviving crashes without duplicates. */
export class OutboxWorker {
  private readonly limiter: RateLimiter;
  private readonly loop: PollingLoop;
  private readonly o: Required<Omit<OutboxWorkerOptions, 'metrics'>> & { metrics?: Metrics };

  constructor(opts: OutboxWorkerOptions) {
    this.o = {
      limits: { appPerSecond: 50, recipientPerSecond: 5 },
      maxAttempts: 8,
      leaseMs: 30_000,
      pollMs: 500,
      concurrency: 16,
      ...opts,
    };
    this.limiter = new RateLimiter(this.o.limits);
    this.loop = new PollingLoop({ name: 'outbox', tick: () => this.tick(), remaining: () => outboxDepth(this.o.db), pollMs: this.o.pollMs, log: this.o.log });
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

  /** Sends until nothing is queued (CLI and tests). */
  drain(timeoutMs = 60_000): Promise<void> {
    return this.loop.drain(timeoutMs);
  }

  async tick(): Promise<number> {
    const rows = await claimDue(this.o.db, new Date(), this.o.leaseMs, this.o.concurrency * 4);
    if (rows.length === 0) return 0;
    let next = 0;
    const lane = async () => {
      while (next < rows.length) await this.deliver(rows[next++]!);
    };
    await Promise.all(Array.from({ length: Math.min(this.o.concurrency, rows.length) }, lane));
    this.o.metrics?.outboxDepth.set(await outboxDepth(this.o.db));
    return rows.length;
  }

  private async deliver(row: OutboxRow): Promise<void> {
    let result: CallResult;
    try {
      result = await this.call(row);
    } catch (e) {
      result = { ok: false, retry: 'transient', error: (e as Error).message };
    }
    const now = new Date();
    if (result.ok) {
      await markSent(this.o.db, row.id, result.messageId, now);
      this.o.metrics?.outboxSent.inc({ result: 'sent' });
      return;
    }
    if (result.retry === 'rate-limited') {
      this.limiter.pause(result.afterMs);
      await markRetry(this.o.db, row.id, new Date(now.getTime() + result.afterMs), result.error, false);
      this.o.metrics?.outboxSent.inc({ result: 'rate_limited' });
      return;
    }
    if (result.retry === 'never' || row.attempts + 1 >= this.o.maxAttempts) {
      await markFailed(this.o.db, row.id, result.error);
      this.o.metrics?.outboxSent.inc({ result: 'failed' });
      this.o.log.warn({ key: row.idem_key, error: result.error, attempts: row.attempts + 1 }, 'outbound message given up');
      return;
    }
    await markRetry(this.o.db, row.id, new Date(now.getTime() + backoffMs(row.attempts)), result.error, true);
    this.o.metrics?.outboxSent.inc({ result: 'retry' });
  }

  private async call(row: OutboxRow): Promise<CallResult | { ok: false; retry: 'transient'; error: string }> {
    const uuid = larkUuid(row.idem_key);
    if (row.op === 'send') {
      await this.limiter.acquire(row.receive_id!);
      return this.o.api.sendMessage(row.receive_id_type!, row.receive_id!, row.msg_type, row.content, uuid);
    }
    const target = await this.resolveTarget(row);
    if (typeof target !== 'string') return target;
    await this.limiter.acquire(`msg:${target}`);
    return row.op === 'reply'
      ? this.o.api.replyMessage(target, row.msg_type, row.content, uuid)
      : this.o.api.patchMessage(target, row.content);
  }

  /** A patch may name a card by the key we sent it with; wait until that send has a message id. */
  private async resolveTarget(row: OutboxRow): Promise<string | CallResult> {
    if (row.target_message_id) return row.target_message_id;
    const original = row.target_key ? await findByKey(this.o.db, row.target_key) : undefined;
    if (!original || original.status === 'failed') return { ok: false, retry: 'never', error: `target ${row.target_key} not sent` };
    if (!original.message_id) return { ok: false, retry: 'rate-limited', afterMs: 1000, error: 'waiting for target message' };
    return original.message_id;
  }
}
