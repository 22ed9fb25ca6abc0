import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import { newId } from '../ids';
import { audit } from '../audit';
import { formatWeekLabel } from '../calendar/periods';
import type { CoreDeps } from '../deps';
import { DomainError, forbidden, invalidInput, locked, notFound, staleCard } from '../errors';
import { findPerson, setPromptOptOut } from '../org/people.repository';
import { hasRole, isAdminOf, type Person } from '../org/person';
import { currentWeekKey, writableWeek } from './week-window';
import { logContent, type WeeklyLog } from './weekly-log';
import { showToSupervisor, tellAuthorConfirmed, tellAuthorReturned } from './weekly-notices';
import { formView } from './weekly-views';
import type { WeeklyFormVm } from './weekly-view-models';
import { findLog, findLogById, insertLog, updateLogIfRevision } from './weekly.repository';
import { isLate } from './weekly-status';

export interface EntryInput {
  weekKey: string;
  done: string;
  plan: string;
  bonusClaim: string | null;
  /** From a form card: the revision it was built from; a newer record makes the card stale. */
  expectedRevision?: number;
}

export interface SubmitOutcome {
  log: WeeklyLog;
  /** Same content as the stored, unreviewed record: nothing was written. */
  unchanged: boolean;
  supervisorName: string | null;
}

export const LOCKED_THIS_WEEK = '本周周记已由主管确认，不能再修改。如需更正请联系主管退回。';
const REVIEW_COMMENT_MAX = 500;

/** What the audit log keeps of a record: enough to see what changed, in whose words. */
const auditShape = (l: WeeklyLog) => ({ week: l.weekKey, state: l.state, late: l.late, revision: l.revision, content: logContent(l) });

/**
 * Records or amends the author's entry for a week (the current one or up to `weekly.late_weeks`
 * back). A first submission after the due time is marked late; amendments keep the first
 * submission's time. A confirmed record is locked; a returned one goes back to 待确认 on resubmission.
 *
 * @example await submitWeeklyLog(deps, actor, { weekKey: '2026-W47', done: '起草通知', plan: '', bonusClaim: null })
 */
export async function submitWeeklyLog(deps: CoreDeps, author: Person, input: EntryInput): Promise<SubmitOutcome> {
  if (!hasRole(author, 'staff')) throw new DomainError('NOT_APPLICABLE', '您不在周记填写名单中（工作人员填写周记）。如有疑问，请联系本单位考核管理员。');
  const now = deps.clock.now();
  const schedule = writableWeek(deps, input.weekKey, now);
  const entry = normaliseEntry(input, deps.rules.weekly.max_chars);
  try {
    return await deps.db.transaction().execute(async (trx) => {
      const existing = await findLog(trx, author.openId, schedule.weekKey);
      const supervisorName = author.leaderOpenId ? ((await findPerson(trx, author.leaderOpenId))?.name ?? null) : null;
      if (existing?.state === 'confirmed') {
        throw locked(lockedMessage(schedule.weekKey, now));
      }
      if (existing && existing.state === 'submitted' && sameEntry(existing, entry)) return { log: existing, unchanged: true, supervisorName };
      if (input.expectedRevision !== undefined && input.expectedRevision !== (existing?.revision ?? 0)) {
        throw staleCard('这周的周记在卡片发出后已有改动，请发送“周记”打开最新内容后再修改');
      }

      const at = now.toISOString();
      let log: WeeklyLog;
      if (!existing) {
        log = {
          id: newId('wl'),
          openId: author.openId,
          weekKey: schedule.weekKey,
          ...entry,
          state: 'submitted',
          late: isLate(now, schedule.dueAt),
          revision: 1,
          submittedAt: at,
          updatedAt: at,
          reviewerOpenId: null,
          reviewComment: null,
          reviewedAt: null,
        };
        await insertLog(trx, log);
        await audit(trx, now, { actor: author.openId, action: 'weekly.submit', entityType: 'weekly_log', entityId: log.id, after: auditShape(log) });
      } else {
        log = { ...existing, ...entry, state: 'submitted', revision: existing.revision + 1, updatedAt: at, reviewerOpenId: null, reviewComment: null, reviewedAt: null };
        if (!(await updateLogIfRevision(trx, log, existing.revision, existing.state))) throw raced();
        await audit(trx, now, {
          actor: author.openId,
          action: existing.state === 'returned' ? 'weekly.resubmit' : 'weekly.amend',
          entityType: 'weekly_log',
          entityId: log.id,
          before: auditShape(existing),
          after: auditShape(log),
        });
      }
      await showToSupervisor(deps, trx, log, author);
      return { log, unchanged: false, supervisorName };
    });
  } catch (e) {
    // Two first submissions at once: the unique (person, week) index lets one through.
    if (!(e instanceof DomainError) && /unique|duplicate/i.test(String((e as Error)?.message))) throw raced();
    throw e;
  }
}

/** The form for a week the person may still write: refused up front when the record is already confirmed. */
export async function openWeeklyForm(deps: CoreDeps, person: Person, { weekKey, purpose }: { weekKey: string; purpose: WeeklyFormVm['purpose'] }): Promise<WeeklyFormVm> {
  const now = deps.clock.now();
  const schedule = writableWeek(deps, weekKey, now);
  if ((await findLog(deps.db, person.openId, schedule.weekKey))?.state === 'confirmed') throw locked(lockedMessage(schedule.weekKey, now));
  return formView(deps, deps.db, person, schedule, purpose, now);
}

const lockedMessage = (weekKey: string, now: Date) =>
  weekKey === currentWeekKey(now) ? LOCKED_THIS_WEEK : `${formatWeekLabel(weekKey)}的周记已由主管确认，不能再修改。如需更正请联系主管退回。`;

const raced = () => new DomainError('CONFLICT', '这份周记刚刚被修改或处理过，请重新发送“周记”查看最新内容后再提交。');

function normaliseEntry(input: EntryInput, maxChars: number): Entry {
  const done = input.done.replace(/\r\n?/g, '\n').replace(/\s+$/, '').replace(/^\s*\n/, '');
  const plan = input.plan.replace(/\r\n?/g, '\n').trim();
  const bonus = input.bonusClaim?.replace(/\r\n?/g, '\n').trim() ?? '';
  if (done.trim() === '') throw invalidInput('请填写本周完成的工作。例如：周记 起草年度工作总结；参加业务培训');
  const total = done.length + plan.length + bonus.length;
  if (total > maxChars) throw invalidInput(`周记共 ${total} 字，超过 ${maxChars} 字的上限，请精简后重新提交（您写的内容仍在对话中，可复制修改）。`);
  return { done, plan, bonusClaim: bonus === '' ? null : bonus };
}

type Entry = Pick<EntryInput, 'done' | 'plan' | 'bonusClaim'>;

const sameEntry = (a: WeeklyLog, b: Entry) => a.done === b.done && a.plan === b.plan && (a.bonusClaim ?? null) === (b.bonusClaim ?? null);

export interface ReviewInput {
  logId: string;
  /** The revision the reviewer saw; a newer amendment must be read before it is judged. */
  revision: number;
  decision: 'confirm' | 'return';
  comment: string;
}

export interface ReviewOutcome {
  log: WeeklyLog;
  author: Person;
}

/** Whether `actor` may confirm or return `author`'s records: their direct supervisor or a unit admin of their unit. */
export function mayReview(actor: Person, author: Person): boolean {
  if (actor.openId === author.openId) return false;
  return author.leaderOpenId === actor.openId || isAdminOf(actor, author.unitId);
}

/**
 * Confirms (locks) or returns a record. Everything is re-read here: the card only names which record
 * and revision the reviewer looked at. Returning needs a comment, which the author receives.
 */
export async function reviewWeeklyLog(deps: CoreDeps, actor: Person, input: ReviewInput): Promise<ReviewOutcome> {
  const now = deps.clock.now();
  const comment = input.comment.trim();
  if (input.decision === 'return' && comment === '') throw invalidInput('退回时请在“意见”中写明需要修改的地方。');
  if (comment.length > REVIEW_COMMENT_MAX) throw invalidInput(`意见不超过 ${REVIEW_COMMENT_MAX} 字，当前 ${comment.length} 字。`);
  return deps.db.transaction().execute(async (trx) => {
    const log = await findLogById(trx, input.logId);
    if (!log) throw notFound('找不到这份周记，可能已被删除。');
    const author = await findPerson(trx, log.openId);
    if (!author || !mayReview(actor, author)) throw forbidden('只有本人的直接主管或本单位考核管理员可以确认或退回这份周记。');
    if (log.state === 'confirmed') throw locked('这份周记已经确认，无需重复操作。');
    if (log.state === 'returned') throw new DomainError('CONFLICT', '这份周记已退回，待本人修改后重新提交时再处理。');
    if (log.revision !== input.revision) throw staleCard('本人刚刚修改了这份周记，卡片已更新为最新内容，请看过后再操作');
    const next: WeeklyLog = {
      ...log,
      state: input.decision === 'confirm' ? 'confirmed' : 'returned',
      reviewerOpenId: actor.openId,
      reviewComment: comment === '' ? null : comment,
      reviewedAt: now.toISOString(),
      updatedAt: now.toISOString(),
    };
    if (!(await updateLogIfRevision(trx, next, log.revision, 'submitted'))) throw raced();
    await audit(trx, now, {
      actor: actor.openId,
      action: input.decision === 'confirm' ? 'weekly.confirm' : 'weekly.return',
      entityType: 'weekly_log',
      entityId: log.id,
      before: auditShape(log),
      after: auditShape(next),
      reason: next.reviewComment,
    });
    if (next.state === 'returned') await tellAuthorReturned(deps, trx, next, actor);
    else await tellAuthorConfirmed(deps, trx, next, actor);
    // The clicker's own card is replaced by the callback answer; this brings the supervisor's up to date too.
    await showToSupervisor(deps, trx, next, author);
    return { log: next, author };
  });
}

/** `周记 不再提醒` / `周记 恢复提醒`; returns false when it was already so. */
export async function setWeeklyPromptOptOut(deps: CoreDeps, actor: Person, optOut: boolean): Promise<boolean> {
  if (actor.promptOptOut === optOut) return false;
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (trx: Kysely<Database>) => {
    await setPromptOptOut(trx, actor.openId, optOut, now);
    await audit(trx, now, { actor: actor.openId, action: 'person.prompt_opt_out', entityType: 'person', entityId: actor.openId, before: { promptOptOut: !optOut }, after: { promptOptOut: optOut } });
  });
  return true;
}
