import type { Kysely } from 'kysely';
import type { Rules } from '../rules/rules';
import type { Database } from '../../db/schema';
import { datesFrom, shanghaiDate } from '../calendar/periods';
import type { WorkCalendar } from '../calendar/work-calendar';
import { recordsOfYearByPerson } from '../credits/training-records.repository';
import { findLeavesOverlapping } from '../org/leave.repository';
import { annualEligibility, lossOfHonourEligibility, type AnnualEligibility, type HonourLoss, type QuarterTier } from './eligibility';
import { determinedResultsOf, openIdsWithResults, type QuarterResult } from '../quarterly/results.repository';
import { peopleByOpenId } from '../quarterly/people.repository';
import { findActivePeople } from '../org/people.repository';
import type { Person } from '../org/person';
import { overlapsYear, type Sanction } from './sanctions';
import { sanctionsOverlapping } from './sanctions.repository';
import { trainingGate, type TrainingGate } from './training-gate';

type Db = Kysely<Database>;

/** Up to this many people, their leave and sanctions are read by id rather than the whole year's. */
const FEW = 500;

export const quartersOfYear = (year: string): string[] => [1, 2, 3, 4].map((q) => `${year}-Q${q}`);

/**
 * Whom a year's annual link covers: everyone active plus anyone with a result in the year (who may
 * have left since), sorted by open_id, with who they are (someone no longer on file has no entry).
 */
export async function peopleOfYear(db: Db, year: string): Promise<{ ids: string[]; people: Map<string, Person> }> {
  const active = new Map((await findActivePeople(db)).map((p) => [p.openId, p]));
  const ids = [...new Set([...active.keys(), ...(await openIdsWithResults(db, quartersOfYear(year)))])].sort();
  return { ids, people: await peopleByOpenId(db, ids, active) };
}

export interface AnnualStatus {
  quarters: QuarterTier[];
  results: QuarterResult[];
  /** null while the year is still running and the hours are not yet met. */
  creditsMet: boolean | null;
  training: TrainingGate;
  /** Leave of the counted kinds, in the year's workdays. */
  leaveDays: number;
  sanctions: Sanction[];
  eligibility: AnnualEligibility;
  honour: HonourLoss;
}

/**
 * The annual link for each person: the year's determined quarters (proposals count as not yet
 * determined), the training gate with its 缓定, leave against the year's workdays, sanctions in
 * their 影响期, and what follows for annual 优秀 and 评优评先. Until the year is over, hours not yet
 * met are "unknown" rather than "failed": there is still time to finish.
 */
export async function annualStatusOf(
  db: Db,
  rules: Rules,
  calendar: WorkCalendar,
  year: string,
  openIds: readonly string[],
  now: Date,
): Promise<Map<string, AnnualStatus>> {
  const quarterKeys = quartersOfYear(year);
  const today = shanghaiDate(now);
  const results = await determinedResultsOf(db, openIds, quarterKeys);
  const records = await recordsOfYearByPerson(db, Number(year), openIds, Number(year) + 1);
  // One person (/等次) or a few read their own rows, not the whole city's year of leave and sanctions.
  const only = openIds.length <= FEW ? openIds : undefined;
  const sanctions = await sanctionsOverlapping(db, `${year}-01-01`, `${year}-12-31`, only);
  const leave = await leaveWorkdays(db, rules, calendar, year, only);
  const out = new Map<string, AnnualStatus>();
  for (const openId of openIds) {
    const own = results.get(openId) ?? [];
    const quarters = quarterKeys.map((q) => ({ quarter: q, tier: own.find((r) => r.quarterKey === q)?.tier ?? null }));
    const training = trainingGate(records.get(openId) ?? [], rules, Number(year), today);
    const ownSanctions = (sanctions.get(openId) ?? []).filter((s) => overlapsYear(s, year));
    const leaveDays = leave.byPerson.get(openId) ?? 0;
    out.set(openId, {
      quarters,
      results: own,
      creditsMet: training.met,
      training,
      leaveDays,
      sanctions: ownSanctions,
      eligibility: annualEligibility(
        {
          quarters,
          creditsMet: training.met,
          trainingShortfall: training.shortfall,
          trainingMadeUp: training.madeUp,
          ...(leaveDays > 0 ? { leave: { days: leaveDays, workdays: leave.workdays() } } : {}),
          sanctions: ownSanctions,
        },
        rules,
      ),
      honour: lossOfHonourEligibility(quarters),
    });
  }
  return out;
}

/**
 * Each person's leave of the counted kinds (`annual.disqualifiers.leave_kinds`) in the year's
 * workdays, overlapping periods counted once. The year's workdays are only computed when someone
 * has such leave, and need the year's official calendar.
 */
async function leaveWorkdays(db: Db, rules: Rules, calendar: WorkCalendar, year: string, only?: readonly string[]) {
  const kinds = new Set(rules.annual.disqualifiers.leave_kinds);
  const start = `${year}-01-01`;
  const end = `${year}-12-31`;
  const days = new Map<string, Set<string>>();
  for (const l of await findLeavesOverlapping(db, start, end, only)) {
    if (!kinds.has(l.kind)) continue;
    const set = days.get(l.openId) ?? new Set<string>();
    for (const d of datesFrom(l.startDate > start ? l.startDate : start, l.endDate < end ? l.endDate : end)) if (calendar.isWorkday(d)) set.add(d);
    days.set(l.openId, set);
  }
  let total: number | null = null;
  return {
    byPerson: new Map([...days].map(([id, set]) => [id, set.size])),
    workdays: () => (total ??= datesFrom(start, end).filter((d) => calendar.isWorkday(d)).length),
  };
}
