import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import { formatWeekLabel, previousWeek } from '../calendar/periods';
import type { WeeklySchedule } from '../calendar/schedule';
import type { CoreDeps } from '../deps';
import { findPerson, findUnit } from '../org/people.repository';
import type { Person } from '../org/person';
import { instantLabel } from './format';
import type { WeeklyLog } from './weekly-log';
import { findLog, logsOfPeopleInWeek } from './weekly.repository';
import { WEEK_STATUS_LABELS } from './weekly-status';
import type { WeeklyFormVm, WeeklyReceiptVm, WeeklyReviewVm } from './weekly-view-models';

/**
 * View-models for the weekly cards: everything formatted here so the cards stay pure. Each takes the
 * `db` to read with, so it can run inside the transaction that made the change.
 */
type Db = Kysely<Database>;

/** `known`: the person's log of the week and of the week before, when a job over the city has read them already. */
export async function formView(
  deps: CoreDeps,
  db: Db,
  person: Person,
  schedule: WeeklySchedule,
  purpose: WeeklyFormVm['purpose'],
  now: Date,
  known?: { log: WeeklyLog | null; lastWeek: WeeklyLog | null },
): Promise<WeeklyFormVm> {
  const log = known ? known.log : await findLog(db, person.openId, schedule.weekKey);
  const lastWeek = log ? null : known ? known.lastWeek : await findLog(db, person.openId, previousWeek(schedule.weekKey));
  const carried = lastWeek?.plan.trim() ?? '';
  return {
    weekKey: schedule.weekKey,
    weekLabel: formatWeekLabel(schedule.weekKey),
    purpose,
    dueLabel: schedule.dueAt ? instantLabel(schedule.dueAt) : '',
    late: Boolean(schedule.dueAt && now > schedule.dueAt),
    done: log?.done ?? carried,
    plan: log?.plan ?? '',
    bonusClaim: log?.bonusClaim ?? '',
    prefilledFromPlan: !log && carried !== '',
    amending: Boolean(log),
    returnComment: log?.state === 'returned' ? (log.reviewComment ?? '') : null,
    maxChars: deps.rules.weekly.max_chars,
    revision: log?.revision ?? 0,
  };
}

type Owing = { person: Person; log: WeeklyLog | null };

/**
 * formView for many people of the week at once (a city's prompt or reminder): last week's plans of
 * those with no record yet are read together, not looked up one person at a time.
 */
export async function formViewsOf(deps: CoreDeps, owing: readonly Owing[], schedule: WeeklySchedule, purpose: WeeklyFormVm['purpose'], now: Date): Promise<(e: Owing) => Promise<WeeklyFormVm>> {
  const lastWeek = await logsOfPeopleInWeek(deps.db, previousWeek(schedule.weekKey), owing.filter((e) => !e.log).map((e) => e.person.openId));
  return (e) => formView(deps, deps.db, e.person, schedule, purpose, now, { log: e.log, lastWeek: lastWeek.get(e.person.openId) ?? null });
}

export function receiptView(log: WeeklyLog, supervisorName: string | null, unchanged: boolean): WeeklyReceiptVm {
  return {
    weekKey: log.weekKey,
    weekLabel: formatWeekLabel(log.weekKey),
    statusLabel: log.late ? WEEK_STATUS_LABELS.late : WEEK_STATUS_LABELS.on_time,
    late: log.late,
    revision: log.revision,
    savedLabel: instantLabel(log.updatedAt),
    supervisorName,
    done: log.done,
    plan: log.plan,
    bonusClaim: log.bonusClaim,
    unchanged,
  };
}

export async function reviewView(db: Db, log: WeeklyLog, author: Person): Promise<WeeklyReviewVm> {
  const unit = await findUnit(db, author.unitId);
  const reviewer = log.reviewerOpenId ? await findPerson(db, log.reviewerOpenId) : null;
  return {
    logId: log.id,
    revision: log.revision,
    authorName: author.name,
    unitName: unit?.name ?? author.unitId,
    weekLabel: formatWeekLabel(log.weekKey),
    timingLabel: log.late ? WEEK_STATUS_LABELS.late : WEEK_STATUS_LABELS.on_time,
    late: log.late,
    submittedLabel: instantLabel(log.submittedAt),
    amendedLabel: log.revision > 1 ? instantLabel(log.updatedAt) : null,
    done: log.done,
    plan: log.plan,
    bonusClaim: log.bonusClaim,
    state: log.state,
    reviewerName: reviewer?.name ?? null,
    reviewComment: log.reviewComment,
    reviewedLabel: log.reviewedAt ? instantLabel(log.reviewedAt) : null,
  };
}
