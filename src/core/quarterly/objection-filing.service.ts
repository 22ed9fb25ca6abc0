import { audit } from '../audit';
import { formatQuarterLabel } from '../calendar/periods';
import type { CoreDeps } from '../deps';
import { DomainError, invalidInput } from '../errors';
import type { Person } from '../org/person';
import { findObjection, insertObjection, objectionsOf, openObjectionOf } from './objection.repository';
import { objectionReviewView } from './objection-views';
import { isWithinObjectionWindow, objectionDeadline } from './objection-window';
import { dateLabel, instantLabel } from './format';
import { determinersOf } from './people.repository';
import { latestDeterminedResult } from './results.repository';
import { loadUnits } from './scope';

export const MAX_REASON_CHARS = 1000;

export const OBJECTION_USAGE = '请在“/异议”后写明理由，例如：\n/异议 本季度我牵头完成了……，请求复核季度等次。';

export interface FiledObjection {
  quarterLabel: string;
  tier: string;
  handlers: number;
}

/**
 * /异议: objects to the person's latest confirmed quarterly result within the window after the
 * feedback. One open objection at a time (the database enforces it too), and one per quarter:
 * after the answer, a further disagreement goes to the unit in person rather than round again.
 */
export async function fileObjection(deps: CoreDeps, actor: Person, reasonText: string): Promise<FiledObjection> {
  const reason = reasonText.trim();
  if (!reason) throw invalidInput(OBJECTION_USAGE);
  const length = [...reason].length;
  if (length > MAX_REASON_CHARS) {
    throw invalidInput(`异议理由请控制在 ${MAX_REASON_CHARS} 字以内（现为 ${length} 字），请精简后重新发送。`);
  }
  const result = await latestDeterminedResult(deps.db, actor.openId);
  if (!result) throw new DomainError('NOT_APPLICABLE', '您目前没有已审定的季度考核结果，暂无可提出异议的事项。');
  const quarterLabel = formatQuarterLabel(result.quarterKey);
  const now = deps.clock.now();

  const open = await openObjectionOf(deps.db, actor.openId);
  if (open) throw new DomainError('CONFLICT', `您于 ${instantLabel(open.createdAt)} 提出的异议正在处理中，请等待答复后再提出。`);
  const earlier = (await objectionsOf(deps.db, actor.openId, result.quarterKey)).at(-1);
  if (earlier) {
    const outcome = earlier.status === 'upheld' ? `已更正为“${earlier.newTier}”` : '维持原结果';
    throw new DomainError(
      'CONFLICT',
      `您对${quarterLabel}结果的异议已于 ${instantLabel(earlier.decidedAt ?? earlier.createdAt)} 答复（${outcome}）。如仍有意见，请直接联系本单位考核管理员。`,
    );
  }
  const feedbackAt = result.feedbackAt ?? result.confirmedAt ?? now.toISOString();
  if (!isWithinObjectionWindow(now, feedbackAt, deps.calendar, deps.rules)) {
    const deadline = dateLabel(objectionDeadline(feedbackAt, deps.calendar, deps.rules));
    throw new DomainError('TOO_LATE', `对${quarterLabel}结果提出异议的期限已于 ${deadline} 截止，系统不再受理。如有特殊情况，请直接联系本单位考核管理员。`);
  }

  let handlers = 0;
  await deps.db.transaction().execute(async (trx) => {
    const id = await insertObjection(trx, { openId: actor.openId, quarterKey: result.quarterKey, reason, oldTier: result.tier }, now);
    if (!id) throw new DomainError('CONFLICT', '您已有一件异议正在处理中，请等待答复后再提出。');
    await audit(trx, now, {
      actor: actor.openId,
      action: 'grading.objection.file',
      entityType: 'objection',
      entityId: id,
      after: { quarterKey: result.quarterKey, tier: result.tier },
      reason,
    });
    const view = await objectionReviewView(trx, deps.rules, (await findObjection(trx, id))!);
    const messenger = deps.messengerFor(trx);
    // The objector never handles their own objection, even when they are the unit's 考核管理员.
    for (const admin of await determinersOf(trx, result.scopeId, await loadUnits(trx), actor.openId)) {
      await messenger.send({ type: 'open_id', id: admin.openId }, { kind: 'card', card: deps.cards.quarterly.objectionReview(view) }, `objection:${id}:${admin.openId}`);
      handlers++;
    }
  });
  return { quarterLabel, tier: result.tier, handlers };
}
