import { newId } from '../ids';
import { audit } from '../audit';
import { shanghaiDate } from '../calendar/periods';
import type { CoreDeps } from '../deps';
import { DomainError, forbidden, invalidInput, notFound } from '../errors';
import { findPerson, findUnit } from '../org/people.repository';
import { isAdminOf, type Person } from '../org/person';
import { parseClaimForm, type ClaimForm } from './claim-input';
import { creditAdminsFor } from './credits-people';
import type { ClaimApprovalView } from './credits-views';
import { describeRecord } from './record-text';
import {
  approvalCardKeys,
  decidePendingClaim,
  findSameTraining,
  findTrainingRecord,
  insertTrainingRecord,
  type StoredTrainingRecord,
} from './training-records.repository';

export const DECISION_NOTE_MAX = 500;

export type ClaimSubmit =
  | { ok: true; record: StoredTrainingRecord; approvers: Person[] }
  /** `existing`: the same training is already on record (a second click on 提交 lands here). */
  | { ok: false; problems: string[]; existing?: StoredTrainingRecord };

/**
 * Stores a claim as pending and sends the approval card to the unit's 考核管理员 (or the admins when the
 * unit has none) in the same transaction. A form with mistakes comes back as `problems`, nothing stored.
 */
export async function submitClaim(deps: CoreDeps, actor: Person, form: ClaimForm): Promise<ClaimSubmit> {
  const now = deps.clock.now();
  const parsed = parseClaimForm(form, deps.rules.training, shanghaiDate(now));
  if (!parsed.ok) return { ok: false, problems: parsed.reasons };
  const { record } = parsed;

  const same = await findSameTraining(deps.db, actor.openId, record.date, record.title);
  if (same) {
    const where = same.status === 'pending' ? '正在审核中' : '已计入学时';
    return { ok: false, problems: [`${record.date}“${record.title}”${where}，无需重复申报`], existing: same };
  }
  const approvers = await creditAdminsFor(deps.db, actor.unitId, actor.openId);
  if (approvers.length === 0) {
    throw new DomainError('NOT_APPLICABLE', '本单位尚未设置考核管理员，暂时无法审核申报。请联系本单位考核管理员或管理员。');
  }

  const id = newId('tr');
  const stored: StoredTrainingRecord = {
    ...record,
    id,
    openId: actor.openId,
    year: Number(record.date.slice(0, 4)),
    note: parsed.note,
    decidedBy: null,
    decidedAt: null,
    decisionNote: null,
    createdAt: now.toISOString(),
  };
  const unitName = (await findUnit(deps.db, actor.unitId))?.name ?? actor.unitId;
  await deps.db.transaction().execute(async (trx) => {
    await insertTrainingRecord(trx, { ...stored, fingerprint: null });
    await audit(trx, now, {
      actor: actor.openId,
      action: 'credits.claim.submit',
      entityType: 'training_record',
      entityId: id,
      after: { ...record, note: parsed.note },
    });
    const messenger = deps.messengerFor(trx);
    const card = deps.cards.credits.claimApproval(approvalView(stored, actor.name, unitName));
    for (const approver of approvers) {
      await messenger.send({ type: 'open_id', id: approver.openId }, { kind: 'card', card }, approvalKey(id, approver.openId));
    }
  });
  return { ok: true, record: stored, approvers };
}

export type Decision = 'approve' | 'reject';

export interface DecideResult {
  record: StoredTrainingRecord;
  /** False when the claim had already been decided (a double click, or another admin first). */
  changed: boolean;
  /** What the approval card shows now. */
  view: ClaimApprovalView;
}

/**
 * Approves or rejects a claim. The id comes from a card, so the record is re-loaded and the actor is
 * checked against the claimant's unit; only a pending claim changes, once.
 */
export async function decideClaim(
  deps: CoreDeps,
  actor: Person,
  { claimId, decision, reason: reasonText }: { claimId: string; decision: Decision; reason: string },
): Promise<DecideResult> {
  const record = await findTrainingRecord(deps.db, claimId);
  if (!record || record.source !== 'claim') throw notFound('找不到这条学时申报，可能已被删除。');
  const claimant = await findPerson(deps.db, record.openId);
  if (!claimant || !isAdminOf(actor, claimant.unitId)) throw forbidden('仅申报人所在单位的考核管理员可审核这条申报。');
  if (actor.openId === record.openId) throw forbidden('不能审核本人的申报，请由其他考核管理员审核。');
  const unitName = (await findUnit(deps.db, claimant.unitId))?.name ?? claimant.unitId;

  if (record.status !== 'pending') return { record, changed: false, view: await decidedView(deps, record, claimant.name, unitName) };

  const reason = reasonText.trim();
  if (decision === 'reject' && reason === '') {
    throw invalidInput('驳回时请在“驳回理由”中写明理由，申报人会看到这一理由。');
  }
  if (reason.length > DECISION_NOTE_MAX) throw invalidInput(`理由不超过 ${DECISION_NOTE_MAX} 字。`);

  const now = deps.clock.now();
  const status = decision === 'approve' ? 'approved' : 'rejected';
  const after: StoredTrainingRecord = {
    ...record,
    status,
    decidedBy: actor.openId,
    decidedAt: now.toISOString(),
    decisionNote: reason === '' ? null : reason,
  };
  const changed = await deps.db.transaction().execute(async (trx) => {
    const won = await decidePendingClaim(trx, record.id, {
      status,
      decidedBy: actor.openId,
      decidedAt: after.decidedAt!,
      note: after.decisionNote,
    });
    if (!won) return false;
    await audit(trx, now, {
      actor: actor.openId,
      action: decision === 'approve' ? 'credits.claim.approve' : 'credits.claim.reject',
      entityType: 'training_record',
      entityId: record.id,
      before: { status: record.status },
      after: { status, hours: record.hours },
      reason: after.decisionNote,
    });
    const messenger = deps.messengerFor(trx);
    await messenger.send(
      { type: 'open_id', id: record.openId },
      { kind: 'text', text: outcomeText(after, actor.name) },
      `credits-claim-result:${record.id}`,
    );
    const card = deps.cards.credits.claimApproval({ ...approvalView(after, claimant.name, unitName), decidedByName: actor.name });
    for (const key of await approvalCardKeys(trx, record.id)) {
      // The clicked card is replaced by the callback answer; the other admins' cards are patched.
      if (key !== approvalKey(record.id, actor.openId)) await messenger.patchCard({ key }, card, `${key}:decided`);
    }
    return true;
  });
  const final = changed ? after : ((await findTrainingRecord(deps.db, record.id)) ?? after);
  return { record: final, changed, view: await decidedView(deps, final, claimant.name, unitName) };
}

async function decidedView(deps: CoreDeps, record: StoredTrainingRecord, claimantName: string, unitName: string): Promise<ClaimApprovalView> {
  const decider = record.decidedBy ? await findPerson(deps.db, record.decidedBy) : null;
  return { ...approvalView(record, claimantName, unitName), decidedByName: decider?.name ?? null };
}

function approvalView(record: StoredTrainingRecord, claimantName: string, unitName: string): ClaimApprovalView {
  return {
    claimId: record.id,
    claimantName,
    unitName,
    record,
    note: record.note,
    submittedAt: shanghaiDate(new Date(record.createdAt)),
    decisionNote: record.decisionNote,
  };
}

export function approvalKey(claimId: string, approverOpenId: string): string {
  return `credits-claim:${claimId}:${approverOpenId}`;
}

function outcomeText(record: StoredTrainingRecord, deciderName: string): string {
  const what = describeRecord(record);
  if (record.status === 'approved') {
    return `您申报的学时已由${deciderName}批准：${what}。已计入 ${record.year} 年学时，发送“学分”可查看进度。`;
  }
  return `您申报的学时未获批准：${what}。理由：${record.decisionNote ?? '（未填写）'}。如有疑问请联系${deciderName}；补齐材料后可重新申报。`;
}
