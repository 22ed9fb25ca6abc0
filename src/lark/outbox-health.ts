import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';

/**
 * What `doctor`, `/metrics` and `outbox retry` need to see of messages that did not go out:
 * 'given_up' (Lark unreachable for the whole retry period) and 'failed' (Lark refused them).
 */
type Db = Kysely<Database>;

export interface FinalCounts {
  failed: number;
  givenUp: number;
}

export async function countFinal(db: Db): Promise<FinalCounts> {
  const rows = await db
    .selectFrom('outbox')
    .select(['status', (eb) => eb.fn.countAll().as('n')])
    .where('status', 'in', ['failed', 'given_up'])
    .groupBy('status')
    .execute();
  const n = (s: string) => Number(rows.find((r) => r.status === s)?.n ?? 0);
  return { failed: n('failed'), givenUp: n('given_up') };
}

export interface DoctorCheck {
  ok: boolean;
  warn?: boolean;
  text: string;
}

/** One doctor line: ✘ while messages were given up, ⚠ for refused ones, with what to do. */
export async function outboxDoctorCheck(db: Db): Promise<DoctorCheck> {
  const { failed, givenUp } = await countFinal(db);
  const pending = await db.selectFrom('outbox').select((eb) => eb.fn.countAll().as('n')).where('status', 'in', ['pending', 'sending']).executeTakeFirst();
  const waiting = Number(pending?.n ?? 0);
  if (givenUp > 0) {
    const oldest = await db.selectFrom('outbox').select(['created_at', 'last_error']).where('status', '=', 'given_up').orderBy('created_at').limit(1).executeTakeFirst();
    return {
      ok: false,
      text: `外发消息：${givenUp} 条因飞书持续不可用超过 24 小时已放弃（最早一条生成于 ${oldest?.created_at ?? '?'}，最后错误：${oldest?.last_error ?? '?'}）。确认飞书恢复后运行 \`pingshi outbox retry\` 重新发送。`,
    };
  }
  if (failed > 0) {
    return { ok: true, warn: true, text: `外发消息：${failed} 条被飞书拒收（如卡片不合规、接收人不在应用可用范围），详见 outbox 表 last_error；修正后可用 \`pingshi outbox retry --all\` 重新发送。` };
  }
  return { ok: true, text: `外发消息：无放弃或拒收的消息${waiting > 0 ? `，${waiting} 条待发送` : ''}` };
}

export interface RequeueOptions {
  /** Also re-queue messages Lark refused (after fixing what made it refuse them). */
  includeRefused?: boolean;
  ids?: string[];
}

/** `outbox retry`: given-up messages (and, if asked, refused ones) go back to the queue as new. Returns how many. */
export async function requeueGivenUp(db: Db, now: Date, opts: RequeueOptions = {}): Promise<number> {
  const statuses = opts.includeRefused ? ['given_up', 'failed'] : ['given_up'];
  let q = db
    .updateTable('outbox')
    .set({ status: 'pending', next_attempt_at: now.toISOString(), lease_until: null, attempts: 0, failing_since: null })
    .where('status', 'in', statuses);
  if (opts.ids?.length) q = q.where('id', 'in', opts.ids);
  const res = await q.executeTakeFirst();
  return Number(res.numUpdatedRows);
}
