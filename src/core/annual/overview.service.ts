import { formatQuarterLabel, previousQuarter, quarterKeyOf, quarterOfCloseDue, shanghaiDate } from '../calendar';
import { isCalendarGap } from '../calendar/calendar-gap';
import type { CoreDeps } from '../deps';
import { DomainError, forbidden, notFound } from '../errors';
import { findPeopleByName, isInSupervisorChain } from '../org/people.repository';
import { isAdminOf, type Person } from '../org/person';
import { annualStatusOf, quartersOfYear } from './eligibility.service';
import { monthLines } from '../quarterly/feedback.service';
import { scoreText } from '../quarterly/format';
import { gradedMonthsOf } from '../quarterly/graded-months.repository';
import type { TierOverviewView } from './views';
import type { AnnualStatus } from './eligibility.service';
import { isDeterminerOf } from '../quarterly/people.repository';
import { loadUnits } from '../quarterly/scope';

const NOT_ALLOWED = '您只能查看本人的等次；主管领导可查看分管人员，考核管理员可查看本单位人员。';

/**
 * Whether `viewer` may see `subject`'s grades: self, their supervisor chain, an admin of their unit,
 * or a 考核管理员 of their organ (who determines their quarters).
 */
export async function maySeeGrades(deps: CoreDeps, viewer: Person, subject: Person): Promise<boolean> {
  if (viewer.openId === subject.openId) return true;
  if (isAdminOf(viewer, subject.unitId)) return true;
  if (isDeterminerOf(viewer, subject.unitId, await loadUnits(deps.db))) return true;
  return isInSupervisorChain(deps.db, viewer.openId, subject);
}

/**
 * Resolves `/等次 张三`. Someone the viewer may not see gets the same refusal whether or not the
 * name exists, so the command cannot be used to probe who is in the organisation.
 */
export async function resolveSubject(deps: CoreDeps, viewer: Person, name: string): Promise<Person> {
  const wanted = name.trim();
  if (!wanted || wanted === viewer.name) return viewer;
  const visible: Person[] = [];
  for (const p of await findPeopleByName(deps.db, wanted)) if (await maySeeGrades(deps, viewer, p)) visible.push(p);
  if (visible.length === 0) throw forbidden(NOT_ALLOWED);
  if (visible.length > 1) throw new DomainError('CONFLICT', `有 ${visible.length} 位名为“${wanted}”的同志，请联系考核管理员通过台账查询。`);
  return visible[0]!;
}

/**
 * The year /等次 is about: that of the latest quarter already due for determination. Early in a
 * year whose holiday schedule is not known yet, that is the year of the quarter just ended.
 */
export function overviewYear(deps: Pick<CoreDeps, 'rules' | 'calendar'>, now: Date): string {
  try {
    return quarterOfCloseDue(now, deps.calendar, deps.rules).slice(0, 4);
  } catch (e) {
    if (!isCalendarGap(e)) throw e;
    return previousQuarter(quarterKeyOf(shanghaiDate(now))).slice(0, 4);
  }
}

/** /等次: graded months, determined quarters (never proposals) and the annual link, with reasons. */
export async function tierOverview(deps: CoreDeps, viewer: Person | null, subject: Person): Promise<TierOverviewView> {
  if (!viewer) throw notFound(NOT_ALLOWED);
  if (!(await maySeeGrades(deps, viewer, subject))) throw forbidden(NOT_ALLOWED);
  const now = deps.clock.now();
  const year = overviewYear(deps, now);
  const monthKeys = Array.from({ length: 12 }, (_, i) => `${year}-${String(i + 1).padStart(2, '0')}`);
  const months = (await gradedMonthsOf(deps.db, [subject.openId], monthKeys)).get(subject.openId) ?? [];
  const status = (await annualStatusOf(deps.db, deps.rules, deps.calendar, year, [subject.openId], now)).get(subject.openId)!;
  const creditsLabel = trainingLabel(status);
  return {
    name: subject.name,
    own: viewer.openId === subject.openId,
    year,
    months: monthLines(months),
    quarters: quartersOfYear(year).map((q) => {
      const r = status.results.find((x) => x.quarterKey === q);
      return { label: formatQuarterLabel(q), tier: r?.tier ?? null, score: scoreText(r?.score ?? null), corrected: r?.status === 'corrected' };
    }),
    annual: {
      eligible: status.eligibility.eligibleExcellent,
      goodQuarters: status.eligibility.goodQuarters,
      lowQuarters: status.eligibility.lowQuarters,
      reasons: status.eligibility.reasons,
      creditsLabel: deps.rules.annual.require_training ? creditsLabel : `${creditsLabel}（本单位不以学时作为评优条件）`,
      deferred: status.eligibility.annualTierDeferred,
      honourLoss: status.honour.reason,
    },
  };
}

/** How the year's training stands, each requirement at a glance. */
function trainingLabel(status: AnnualStatus): string {
  const t = status.training;
  if (t.met === true) return '已达标';
  if (t.met === null) return '尚未达标（年内仍可完成，发送“/学分”查看进度）';
  if (t.madeUp) return '当年未达标，已于次年补学完成（缓定已解除）';
  const until = t.makeUpUntil ? `，${t.makeUpUntil} 前完成的培训可计入补学` : '';
  return `未达标（${t.shortfall.join('、')}），年度等次缓定${until}`;
}
