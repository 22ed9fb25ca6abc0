import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import { weeklySchedule, type WeeklySchedule } from '../calendar/schedule';
import { parsePeriodKey, shanghaiDate } from '../calendar/periods';
import type { CoreDeps } from '../deps';
import { findActivePeople } from '../org/people.repository';
import { hasRole, type Person } from '../org/person';
import { leaveCoversWorkdays } from '../org/leave';
import { findLeavesOverlapping, leavesOverlappingRead } from '../org/leave.repository';
import type { WeeklyLog } from './weekly-log';
import { findLogsOfWeek, logsOfPeopleRead } from './weekly.repository';
import { readBoth, readRows, runRead, type Read } from '../read-together';
import { weekStatus, type WeekStatusOrNone } from './weekly-status';
import { groupBy } from '../group-by';

/** Up to this many people, a roster reads their rows by id rather than the whole week's. */
const FEW = 500;

export interface RosterEntry {
  person: Person;
  log: WeeklyLog | null;
  status: WeekStatusOrNone;
}

/**
 * Who writes weekly records: active people with the staff role (a 局长 who only supervises is not
 * asked). With `dueAt`, only those who had joined by that day (joined_on, by default the day they
 * were first imported): nobody owes a week that was due before they joined, so a first deployment
 * does not remind everyone about the week before it.
 */
export async function weeklyParticipants(
  db: Kysely<Database>,
  filter: { unitId?: string; leaderOpenId?: string } = {},
  dueAt?: Date | null,
): Promise<Person[]> {
  const dueDay = dueAt ? shanghaiDate(dueAt) : null;
  return (await findActivePeople(db, filter)).filter((p) => hasRole(p, 'staff') && (!dueDay || p.joinedOn <= dueDay));
}

export const scheduleOf = (deps: CoreDeps, weekKey: string): WeeklySchedule => weeklySchedule(weekKey, deps.calendar, deps.rules);

/** Each person's status for the week at `now`, in the order given. */
export async function weekRoster(deps: CoreDeps, weekKey: string, people: readonly Person[], now: Date = deps.clock.now()): Promise<RosterEntry[]> {
  const schedule = scheduleOf(deps, weekKey);
  const week = parsePeriodKey(weekKey, 'week');
  // A team (a few dozen) reads its own rows; a job over the city reads the week whole.
  const only = people.length <= FEW ? [...new Set(people.map((p) => p.openId))] : undefined;
  const logs = new Map((await findLogsOfWeek(deps.db, week.key, only)).map((l) => [l.openId, l]));
  const leaves = groupBy(await findLeavesOverlapping(deps.db, week.start, week.end, only), (l) => l.openId);
  return people.map((person) => {
    const log = logs.get(person.openId) ?? null;
    const onLeave = leaveCoversWorkdays(leaves.get(person.openId) ?? [], schedule.workdays);
    return { person, log, status: weekStatus({ log, onLeave, dueAt: schedule.dueAt, now }) };
  });
}

export interface PersonWeek {
  weekKey: string;
  schedule: WeeklySchedule;
  log: WeeklyLog | null;
  status: WeekStatusOrNone;
}

/** One person's status for several weeks (history, monthly grading). */
export async function personWeeks(deps: CoreDeps, openId: string, weekKeys: readonly string[], now: Date = deps.clock.now()): Promise<PersonWeek[]> {
  return (await peopleWeeks(deps, [openId], weekKeys, now)).get(openId)!;
}

/**
 * personWeeks for many people, by open_id: their logs and leave read together, not person by
 * person (the monthly-review job's cards for a whole city).
 */
export function peopleWeeks(deps: CoreDeps, openIds: readonly string[], weekKeys: readonly string[], now: Date = deps.clock.now()): Promise<Map<string, PersonWeek[]>> {
  return runRead(deps.db, peopleWeeksRead(deps, openIds, weekKeys, now));
}

/** peopleWeeks as a read that can go out with others (a grading card's). */
export function peopleWeeksRead(deps: CoreDeps, openIds: readonly string[], weekKeys: readonly string[], now: Date = deps.clock.now()): Read<Map<string, PersonWeek[]>> {
  if (weekKeys.length === 0) return readRows(null, () => new Map(openIds.map((id) => [id, []])));
  const starts = weekKeys.map((k) => parsePeriodKey(k, 'week'));
  const first = starts.reduce((a, b) => (a.start < b.start ? a : b)).start;
  const last = starts.reduce((a, b) => (a.end > b.end ? a : b)).end;
  return readBoth(logsOfPeopleRead(deps.db, openIds, weekKeys), leavesOverlappingRead(deps.db, first, last, openIds), (logs, leaves) => {
    const logsOf = groupBy(logs, (l) => l.openId);
    const leavesOf = groupBy(leaves, (l) => l.openId);
    const schedules = weekKeys.map((weekKey) => scheduleOf(deps, weekKey));
    return new Map(
      openIds.map((openId) => {
        const own = new Map((logsOf.get(openId) ?? []).map((l) => [l.weekKey, l]));
        const ownLeaves = leavesOf.get(openId) ?? [];
        const weeks = schedules.map((schedule, i) => {
          const weekKey = weekKeys[i]!;
          const log = own.get(weekKey) ?? null;
          const onLeave = leaveCoversWorkdays(ownLeaves, schedule.workdays);
          return { weekKey, schedule, log, status: weekStatus({ log, onLeave, dueAt: schedule.dueAt, now }) };
        });
        return [openId, weeks];
      }),
    );
  });
}
