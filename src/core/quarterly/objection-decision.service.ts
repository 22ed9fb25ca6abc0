import type { TierOrUndetermined } from '../rules/terms';
import { audit } from '../audit';
import { formatQuarterLabel } from '../calendar/periods';
import type { CoreDeps } from '../deps';
import { DomainError, forbidden, invalidInput, notFound } from '../errors';
import { isAdminOf, type Person } from '../org/person';
import { correctLocked } from './adjustment';
import { decideObjection, findObjection, type Objection } from './objection.repository';
import { objectionReviewView, OUTCOME_LABELS } from './objection-views';
import { instantLabel } from './format';
import { peopleByOpenId } from './people.repository';
import { correctResult, findLock, findPoolResults, findResult } from './results.repository';
import type { ObjectionReviewView } from './views';
import { hasText, isTierOrUndetermined } from '../tiers';

export interface ObjectionDecision {
  objectionId: string;
  kind: 'reject' | 'uphold';
  /** Told to the person; required either way. */
  answer: string;
  /** The corrected tier, for `uphold`. */
  tier?: string;
}

/**
 * The unit admin answers an objection: 维持 (reject, with an answer) or 更正 (uphold with a new
 * tier — an audited correction of the locked quarter that still obeys the 好 quota). The person
 * is told the outcome privately, in the same transaction. Everything the card carried is
 * re-checked against the stored objection and result.
 */
export async function decide(
  deps: CoreDeps,
  actor: Person,
  decision: ObjectionDecision,
): Promise<ObjectionReviewView> {
  const { objectionId } = decision;
  const at = deps.clock.now();
  await deps.db.transaction().execute(async (trx) => {
    const objection = await findObjection(trx, objectionId);
    if (!objection) throw notFound('该异议不存在或已被删除。');
    const result = await findResult(trx, objection.openId, objection.quarterKey);
    if (!result) throw notFound('该异议对应的季度结果不存在，请联系系统管理员。');
    if (!isAdminOf(actor, result.unitId)) throw forbidden('只有该同志所在单位的考核管理员可以处理其异议。');
    if (actor.openId === objection.openId) throw forbidden('本人的异议须由其他考核管理员处理。');
    if (objection.status !== 'open') throw alreadyDecided(objection, await peopleByOpenId(trx, [objection.decidedBy ?? '']));
    const answer = decision.answer.trim();
    if (!hasText(answer)) throw invalidInput(decision.kind === 'reject' ? '维持原结果须填写答复意见，说明理由。' : '更正等次须填写答复意见，说明异议成立的依据。');

    let newTier: TierOrUndetermined | null = null;
    if (decision.kind === 'uphold') {
      if (!isTierOrUndetermined(decision.tier)) throw invalidInput('请选择更正后的等次。');
      const pool = { unitId: result.unitId, quarterKey: result.quarterKey, level: result.level };
      const members = await findPoolResults(trx, pool);
      const state = { locked: (await findLock(trx, pool)) !== null, tiers: Object.fromEntries(members.map((m) => [m.openId, m.tier])) };
      const { corrections } = correctLocked(state, [{ personId: result.openId, tier: decision.tier }], answer, deps.rules);
      const correction = corrections[0]!;
      if (!(await correctResult(trx, result.id, correction.from, correction.to, at))) {
        throw new DomainError('CONFLICT', '该结果刚被他人更正，请刷新后重试。');
      }
      await audit(trx, at, {
        actor: actor.openId,
        action: 'grading.quarter.correct',
        entityType: 'quarter_result',
        entityId: result.id,
        before: { tier: correction.from, status: result.status },
        after: { tier: correction.to, status: 'corrected' },
        reason: answer,
      });
      newTier = correction.to;
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
      after: { status, tier: newTier ?? result.tier },
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

function alreadyDecided(o: Objection, names: Map<string, Person>): DomainError {
  const by = names.get(o.decidedBy ?? '')?.name ?? '其他管理员';
  const label = o.status === 'upheld' ? OUTCOME_LABELS.upheld : OUTCOME_LABELS.rejected;
  return new DomainError('CONFLICT', `该异议已由${by}于 ${instantLabel(o.decidedAt ?? o.createdAt)} 处理（${label}），无需重复操作。`);
}
