import { formatPeriodLabel, shanghaiDate } from '../calendar/periods';
import type { CoreDeps } from '../deps';
import { maySeeGrades } from '../annual/overview.service';
import { DomainError, forbidden } from '../errors';
import { findPeopleByName, findUnit } from '../org/people.repository';
import type { Person } from '../org/person';
import { instantLabel } from '../weekly/format';
import { findSubmitted } from './self-summary.repository';
import { owesSummary } from './self-summary.service';
import { summaryPeriodDue, summaryPeriodOf } from './summary-schedule';
import type { SummaryReadVm } from './views';

/** The same answer whether or not the name exists, so `小结 姓名` cannot probe the organisation. */
export const NOT_ALLOWED = '个人小结仅本人、其主管领导（含上级领导）和本单位考核管理员可以查看。';

/** Who may read a person's submitted summary: the person, their supervisor chain, and their unit's admins. */
export async function assertMaySeeSummary(deps: CoreDeps, viewer: Person, subject: Person): Promise<void> {
  if (!(await maySeeGrades(deps, viewer, subject))) throw forbidden(NOT_ALLOWED);
}

/**
 * `小结 姓名 [期间]`: the named person's submitted summary (never a draft) for the period given, else
 * the latest whose cards have gone out and that they owe, else the period in progress.
 */
export async function readSummaryByName(deps: CoreDeps, viewer: Person, name: string, periodKey?: string): Promise<SummaryReadVm> {
  const visible: Person[] = [];
  for (const p of await findPeopleByName(deps.db, name.trim())) if (p.active && (await maySeeGrades(deps, viewer, p))) visible.push(p);
  if (visible.length === 0) throw forbidden(NOT_ALLOWED);
  if (visible.length > 1) throw new DomainError('CONFLICT', `有 ${visible.length} 位名为“${name.trim()}”的同志，请通过台账（export self-summaries）查看。`);
  const subject = visible[0]!;
  await assertMaySeeSummary(deps, viewer, subject);
  const now = deps.clock.now();
  const due = summaryPeriodDue(now, deps.calendar, deps.rules);
  const period = periodKey ?? (due && owesSummary(subject, due) ? due : summaryPeriodOf(deps.rules.self_summary, shanghaiDate(now)));
  const s = (await findSubmitted(deps.db, period, [subject.openId])).get(subject.openId);
  const unit = await findUnit(deps.db, subject.unitId);
  return {
    name: subject.name,
    unitName: unit?.name ?? subject.unitId,
    periodLabel: formatPeriodLabel(period),
    content: s?.content ?? null,
    submittedAtLabel: s?.submittedAt ? instantLabel(s.submittedAt) : null,
  };
}
