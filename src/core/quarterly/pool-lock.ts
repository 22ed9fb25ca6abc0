import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import { audit } from '../audit';
import type { CoreDeps } from '../deps';
import type { Person } from '../org/person';
import { determinationPages } from './determination-view';
import { deliverQuarterFeedback } from './feedback.service';
import { countersignersOf, peopleByOpenId } from './people.repository';
import { poolRevision } from './pool-revision';
import { confirmResult, findLock, insertLock, type PoolKey, type QuarterLock, type QuarterResult } from './results.repository';
import type { UnitIndex } from './scope';
import { clearSignoffsExcept, findSignoffs, upsertSignoff } from './signoff.repository';
import { instantLabel } from './format';
import { locked, type DomainError } from '../errors';

type Db = Kysely<Database>;

export function lockedError(lock: QuarterLock, byName: string): DomainError {
  return locked(`本季度已审定锁定（${byName}，${instantLabel(lock.lockedAt)}），不能再调整或重复确认。如需更正，请通过异议流程办理。`);
}

export type SignOutcome = { kind: 'signed'; notice: string } | { kind: 'lock'; countersigned: string | null };

/**
 * 回避: whether `actor`'s confirmation locks the pool. Someone not in the pool locks it. A
 * determiner in the pool confirms their own tier only together with another determiner: their
 * confirmation is recorded against the pool's state, and the pool locks when a different
 * determiner confirms that same state. Until then the others are asked to review it.
 */
export async function signOrLock(db: Db, deps: CoreDeps, units: UnitIndex, actor: Person, pool: PoolKey, stored: readonly QuarterResult[], at: Date): Promise<SignOutcome> {
  const revision = poolRevision(stored);
  const others = (await findSignoffs(db, pool)).filter((s) => s.revision === revision && s.signedBy !== actor.openId);
  if (!stored.some((r) => r.openId === actor.openId)) return { kind: 'lock', countersigned: others[0]?.signedBy ?? null };
  if (others.length > 0) return { kind: 'lock', countersigned: others[0]!.signedBy };

  await upsertSignoff(db, pool, actor.openId, revision, at);
  await audit(db, at, {
    actor: actor.openId,
    action: 'grading.quarter.signoff',
    entityType: 'quarter_lock',
    entityId: `${pool.scopeId}:${pool.quarterKey}:${pool.pool}`,
    after: { revision },
    reason: '本组含确认人本人的等次，须另一位管理员复核确认',
  });
  const reviewers = await countersignersOf(db, pool.scopeId, units, actor.openId);
  const ask = `${actor.name} 已确认本组结果。本组含 ${actor.name} 本人的等次，须由另一位考核管理员或公务员局管理员复核确认后方可锁定。请核对后点击“确认审定”。`;
  const pages = await determinationPages(db, deps.rules, units, pool, ask);
  const messenger = deps.messengerFor(db);
  for (const reviewer of reviewers) {
    for (const view of pages) {
      const key = `quarter-countersign:${pool.quarterKey}:${pool.scopeId}:${pool.pool}:${revision}:p${view.page}:${reviewer.openId}`;
      await messenger.send({ type: 'open_id', id: reviewer.openId }, { kind: 'card', card: deps.cards.quarterly.determination(view) }, key);
    }
  }
  const who = reviewers.length > 0 ? `已请 ${reviewers.map((p) => p.name).join('、')} 复核确认` : '但本机关没有其他考核管理员，也没有公务员局管理员，请联系公务员局指定一位管理员复核';
  return { kind: 'signed', notice: `您已确认本组结果。本组含您本人的等次，须另一位管理员复核确认后方可锁定（回避），${who}。` };
}

/** Locks the pool (the lock row is the claim), confirms and audits every tier, and queues the feedback. */
export async function lockPool(
  db: Db,
  deps: CoreDeps,
  actor: Person,
  pool: PoolKey,
  stored: readonly QuarterResult[],
  summary: { goodCount: number; quota: number; countersigned: string | null },
  at: Date,
): Promise<void> {
  if (!(await insertLock(db, pool, actor.openId, at))) {
    const lock = (await findLock(db, pool))!;
    throw lockedError(lock, (await peopleByOpenId(db, [lock.lockedBy])).get(lock.lockedBy)?.name ?? lock.lockedBy);
  }
  await clearSignoffsExcept(db, pool, summary.countersigned);
  await audit(db, at, {
    actor: actor.openId,
    action: 'grading.quarter.lock',
    entityType: 'quarter_lock',
    entityId: `${pool.scopeId}:${pool.quarterKey}:${pool.pool}`,
    after: { goodCount: summary.goodCount, quota: summary.quota, poolSize: stored.length, countersignedBy: summary.countersigned },
  });
  const confirmed: QuarterResult[] = [];
  for (const r of stored) {
    if (!(await confirmResult(db, r.id, r.tier, actor.openId, at))) continue;
    await audit(db, at, {
      actor: actor.openId,
      action: 'grading.quarter.confirm',
      entityType: 'quarter_result',
      entityId: r.id,
      before: { tier: r.tier, proposedTier: r.proposedTier, status: r.status },
      after: { tier: r.tier, status: 'confirmed' },
    });
    confirmed.push({ ...r, status: 'confirmed', confirmedBy: actor.openId, confirmedAt: at.toISOString(), feedbackAt: at.toISOString() });
  }
  await deliverQuarterFeedback(db, deps, pool, confirmed, at);
}
