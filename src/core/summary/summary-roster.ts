import { datesFrom, parsePeriodKey } from '../calendar/periods';
import type { CoreDeps } from '../deps';
import { leaveCoversWorkdays } from '../org/leave';
import { findLeavesOverlapping } from '../org/leave.repository';
import { findActivePeople } from '../org/people.repository';
import type { Person } from '../org/person';
import { owesSummary } from './self-summary.service';
import { submittedOpenIds } from './self-summary.repository';
import { groupBy } from '../group-by';

export interface SummaryRoster {
  /** Active, joined by the period's end, not on leave for all of `days`, not submitted. */
  owing: Person[];
  submitted: number;
  /** On leave on every one of `days` (the period's workdays for the cards, the reminder day for the reminder). */
  onLeave: number;
}

/** Who is asked for the period's summary; `days` are the workdays whose full leave excuses them. */
export async function summaryRoster(deps: CoreDeps, periodKey: string, days: readonly string[]): Promise<SummaryRoster> {
  const done = await submittedOpenIds(deps.db, periodKey);
  const people = (await findActivePeople(deps.db)).filter((p) => owesSummary(p, periodKey));
  const leaves = days.length > 0 ? await findLeavesOverlapping(deps.db, days[0]!, days.at(-1)!) : [];
  const leavesOf = groupBy(leaves, (l) => l.openId);
  const away = (p: Person) => leaveCoversWorkdays(leavesOf.get(p.openId) ?? [], days);
  const open = people.filter((p) => !done.has(p.openId));
  const owing = open.filter((p) => !away(p));
  return { owing, submitted: people.length - open.length, onLeave: open.length - owing.length };
}

/** The period's workdays (its own year's calendar only). */
export function workdaysOfPeriod(deps: Pick<CoreDeps, 'calendar'>, periodKey: string): string[] {
  const { start, end } = parsePeriodKey(periodKey);
  return datesFrom(start, end).filter((d) => deps.calendar.isWorkday(d));
}
