import type { Kysely } from 'kysely';
import type { TierOrUndetermined } from '../rules/terms';
import type { Database } from '../../db/schema';
import { audit } from '../audit';
import { formatQuarterLabel } from '../calendar/periods';
import type { CoreDeps } from '../deps';
import { DomainError, forbidden, invalidInput, notFound } from '../errors';
import type { Person } from '../org/person';
import { correctLocked, type Correction } from './adjustment';
import { quotaRulesFor } from './quota-share';
import { dateLabel, instantLabel } from './format';
import { decideObjection, findObjection, type Objection } from './objection.repository';
import { objectionReviewView, OUTCOME_LABELS } from './objection-views';
import { objectionDeadline } from './objection-window';
import { isDeterminerOf, peopleByOpenId } from './people.repository';
import { correctResult, findLock, findResult, findScopeLocks, findScopeQuarterResults, type QuarterResult } from './results.repository';
import { loadUnits } from './scope';
import type { ObjectionReviewView } from './views';
import { hasText, isTierOrUndetermined } from '../tiers';

type Db = Kysely<Database>;

export interface ObjectionDecision {
  objectionId: string;
  kind: 'reject' | 'uphold';
  /** Told to the person; required either way. */
  answer: string;
  /** The corrected tier, for `uphold`. */
  tier?: string;
  /** For `uphold`: people of the same pool rated 好 who move to 较好 in the same correction (a swap). */
  swap?: readonly string[];
}

/**
 * The admin answers an objection: 维持 (reject, with an answer) or 更正 (uphold with a new tier —
 * an audited correction of the locked pool that still obeys its seats; when the pool is full,
 * upholding a 好 moves others of the pool to 较好 in the same correction). Everyone whose tier
 * changes is told privately, in the same transaction. Everything the card carried is re-checked
 * against the stored objection and results.
 */
export async function decide(deps: CoreDeps, actor: Person, decision: ObjectionDecision): Promise<ObjectionReviewView> {
  const { objectionId } = decision;
  const at = deps.clock.now();
  const units = await loadUnits(deps.db);
  await deps.db.transaction().execute(async (trx) => {
    const objection = await findObjection(trx, objectionId);
    if (!objection) throw notFound('该异议不存在或已被删除。');
    const result = await findResult(trx, objection.openId, objection.quarterKey);
    if (!result) throw notFound('该异议对应的季度结果不存在，请联系系统管理员。');
    if (!isDeterminerOf(actor, result.scopeId, units)) throw forbidden('只有该同志所在单位的考核管理员可以处理其异议。');
    if (actor.openId === objection.openId) throw forbidden('本人的异议须由其他考核管理员处理。');
    if (objection.status !== 'open') throw alreadyDecided(objection, await peopleByOpenId(trx, [objection.decidedBy ?? '']));
    const answer = decision.answer.trim();
    if (!hasText(answer)) throw invalidInput(decision.kind === 'reject' ? '维持原结果须填写答复意见，说明理由。' : '更正等次须填写答复意见，说明异议成立的依据。');

    let newTier: TierOrUndetermined | null = null;
    if (decision.kind === 'uphold') {
      const corrections = await correct(trx, deps, actor, result, objection, decision, answer, at);
      newTier = corrections[0]!.to;
    }
    const status = decision.kind === 'uphold' ? 'upheld' : 'rejected';
    if (!(await decideObjection(trx, objection.id, { status, answer, newTier, by: actor.openId }, at))) {
      const latest = (await findObjection(trx, objection.id))!;
      throw alreadyDecided(latest, await peopleByOpenId(trx, [latest.decidedBy ?? '']));
    }
    await audit(trx, at, {
      actor: actor.openId,
      action: `grading.objection.${decision.kind}`,
      entityType: 'objection',
      entityId: objection.id,
      before: { status: 'open', tier: result.tier },
      after: { status, tier: newTier ?? result.tier, swapped: decision.kind === 'uphold' ? [...(decision.swap ?? [])] : [] },
      reason: answer,
    });
    const outcome = deps.cards.quarterly.objectionOutcome({
      name: (await peopleByOpenId(trx, [objection.openId])).get(objection.openId)?.name ?? '',
      quarterLabel: formatQuarterLabel(objection.quarterKey),
      upheld: status === 'upheld',
      oldTier: result.tier,
      newTier: newTier ?? result.tier,
      answer,
    });
    await deps.messengerFor(trx).send({ type: 'open_id', id: objection.openId }, { kind: 'card', card: outcome }, `objection-outcome:${objection.id}`);
  });
  return objectionReviewView(deps.db, deps.rules, (await findObjection(deps.db, objectionId))!);
}

/** The audited correction of an upheld objection, with its swap; the objector's correction comes first. */
async function correct(
  db: Db,
  deps: CoreDeps,
  actor: Person,
  result: QuarterResult,
  objection: Objection,
  decision: ObjectionDecision,
  answer: string,
  at: Date,
): Promise<Correction[]> {
  if (!isTierOrUndetermined(decision.tier)) throw invalidInput('请选择更正后的等次。');
  const swap = [...new Set(decision.swap ?? [])];
  const scope = await findScopeQuarterResults(db, result.scopeId, result.quarterKey);
  const byId = new Map(scope.map((r) => [r.openId, r]));
  for (const id of swap) {
    const other = byId.get(id);
    if (!other || other.pool !== result.pool || id === result.openId) throw invalidInput('同时调整的人员须是本组其他人员，请按卡片所列人选选择。');
    if (other.tier !== '好') throw invalidInput(`${(await peopleByOpenId(db, [id])).get(id)?.name ?? id} 现为“${other.tier}”，不是“好”等次，无需调整。`);
  }
  if (actor.openId === result.openId || swap.includes(actor.openId)) throw forbidden('不能更正本人的等次，请由其他考核管理员处理。');
  const pool = { scopeId: result.scopeId, quarterKey: result.quarterKey, pool: result.pool };
  const lockedPools = new Set((await findScopeLocks(db, result.scopeId, result.quarterKey)).map((l) => l.pool));
  const state = {
    pool: result.pool,
    locked: (await findLock(db, pool)) !== null,
    members: scope.map((r) => ({ personId: r.openId, pool: r.pool, tier: r.tier })),
    lockedPools,
  };
  const changes = [{ personId: result.openId, tier: decision.tier }, ...swap.map((personId) => ({ personId, tier: '较好' as const }))];
  const { rules } = await quotaRulesFor(db, deps.rules, result.scopeId, result.quarterKey);
  const { corrections } = correctLocked(state, changes, answer, rules);
  if (corrections[0]?.personId !== result.openId) throw invalidInput('更正后的等次与原结果相同，无需更正');
  const names = await peopleByOpenId(db, corrections.map((c) => c.personId));
  const deadline = dateLabel(objectionDeadline(at.toISOString(), deps.calendar, deps.rules));
  for (const c of corrections) {
    const row = byId.get(c.personId)!;
    if (!(await correctResult(db, row.id, c.from, c.to, at))) throw new DomainError('CONFLICT', '该结果刚被他人更正，请刷新后重试。');
    const swapped = c.personId !== result.openId;
    await audit(db, at, {
      actor: actor.openId,
      action: 'grading.quarter.correct',
      entityType: 'quarter_result',
      entityId: row.id,
      before: { tier: c.from, status: row.status },
      after: { tier: c.to, status: 'corrected', objectionId: objection.id, ...(swapped ? { swapFor: result.openId } : {}) },
      reason: answer,
    });
    if (!swapped) continue;
    const card = deps.cards.quarterly.correctionNotice({
      name: names.get(c.personId)?.name ?? '',
      quarterLabel: formatQuarterLabel(result.quarterKey),
      oldTier: c.from,
      newTier: c.to,
      reason: answer,
      deadlineLabel: deadline,
    });
    await deps.messengerFor(db).send({ type: 'open_id', id: c.personId }, { kind: 'card', card }, `quarter-correction:${objection.id}:${c.personId}`);
  }
  return corrections;
}

function alreadyDecided(o: Objection, names: Map<string, Person>): DomainError {
  const by = names.get(o.decidedBy ?? '')?.name ?? '其他管理员';
  const label = o.status === 'upheld' ? OUTCOME_LABELS.upheld : OUTCOME_LABELS.rejected;
  return new DomainError('CONFLICT', `该异议已由${by}于 ${instantLabel(o.decidedAt ?? o.createdAt)} 处理（${label}），无需重复操作。`);
}
