import { monthsOf, parsePeriodKey, shanghaiDate } from '../calendar/periods';
import { checkpointDate, checkpointFor, isBehind, type CheckpointKind } from '../credits/checkpoint';
import { progressByPerson } from '../credits/credits-status';
import type { CoreDeps } from '../deps';
import { reviewsOfMonths } from '../monthly/review.repository';
import { findActivePeople } from '../org/people.repository';
import type { Person } from '../org/person';
import type { AutomaticIndicator } from '../rules/unit-rating';
import { scheduleOf, weekRoster, weeklyParticipants } from '../weekly/week-roster';
import { weeksOfMonth } from '../weekly/weekly-month';
import type { UnitTree } from './unit-tree';

/** A raw value (a 0–1 share or a 0–100 mean) with what it was computed from; null when there is no data. */
export interface RawValue {
  value: number | null;
  detail?: string;
}

export type AutomaticValues = Record<AutomaticIndicator, RawValue>;

interface Tally {
  owed: number;
  written: number;
  onTime: number;
  scoreSum: number;
  scored: number;
  low: number;
  tiered: number;
  headcount: number;
  onTrack: number;
}

const empty = (): Tally => ({ owed: 0, written: 0, onTime: 0, scoreSum: 0, scored: 0, low: 0, tiered: 0, headcount: 0, onTrack: 0 });
const share = (part: number, whole: number, unit: string): RawValue => (whole > 0 ? { value: part / whole, detail: `${part}/${whole} ${unit}` } : { value: null });

/**
 * The automatic indicators of every ranked unit for a month, quarter or half, read through the other
 * features' own functions: the weekly roster (records owed, written, on time; leave and weeks not yet
 * due owe nothing), the monthly reviews (graded totals and tiers, counted for the unit the person was
 * graded in) and 学时 progress at the latest checkpoint reached by the period's end.
 */
export async function automaticIndicators(deps: CoreDeps, periodKey: string, tree: UnitTree): Promise<Map<string, AutomaticValues>> {
  const tallies = new Map<string, Tally>();
  const tally = (unitId: string): Tally | null => {
    const ranked = tree.rankedUnitOf(unitId);
    if (!ranked) return null;
    if (!tallies.has(ranked)) tallies.set(ranked, empty());
    return tallies.get(ranked)!;
  };
  await countWeeklyRecords(deps, periodKey, tally);
  await countMonthlyReviews(deps, periodKey, tally);
  const checkpoint = checkpointFor(parsePeriodKey(periodKey).end, deps.rules.training);
  if (checkpoint) await countTraining(deps, Number(periodKey.slice(0, 4)), checkpoint, tally);

  const out = new Map<string, AutomaticValues>();
  for (const [unitId, t] of tallies) {
    out.set(unitId, {
      weekly_completion: share(t.written, t.owed, '份'),
      weekly_on_time: share(t.onTime, t.written, '份'),
      avg_monthly_score: t.scored > 0 ? { value: t.scoreSum / t.scored, detail: `${t.scored} 人次` } : { value: null },
      low_tier_share: share(t.low, t.tiered, '人次'),
      training: checkpoint ? share(t.onTrack, t.headcount, '人') : { value: null },
    });
  }
  return out;
}

/** Each ranked unit's people on track with their 学时 at a checkpoint (the 学时 bulletin, and the rating's indicator). */
export async function trainingByUnit(deps: CoreDeps, year: number, checkpoint: CheckpointKind, tree: UnitTree): Promise<Map<string, RawValue>> {
  const tallies = new Map<string, Tally>();
  await countTraining(deps, year, checkpoint, (unitId) => {
    const ranked = tree.rankedUnitOf(unitId);
    if (!ranked) return null;
    if (!tallies.has(ranked)) tallies.set(ranked, empty());
    return tallies.get(ranked)!;
  });
  return new Map([...tallies].map(([unitId, t]) => [unitId, share(t.onTrack, t.headcount, '人')]));
}

async function countWeeklyRecords(deps: CoreDeps, periodKey: string, tally: (unitId: string) => Tally | null): Promise<void> {
  const now = deps.clock.now();
  const weeks = monthsOf(periodKey).flatMap((m) => weeksOfMonth(deps, m));
  // The city is read once for the period, not once a week (a half-year is 26 weeks).
  let everyone: Person[] | undefined;
  for (const week of weeks) {
    const dueAt = scheduleOf(deps, week).dueAt;
    if (!dueAt || dueAt > now) continue;
    everyone ??= await weeklyParticipants(deps.db);
    const dueDay = shanghaiDate(dueAt);
    for (const entry of await weekRoster(deps, week, everyone.filter((p) => p.joinedOn <= dueDay), now)) {
      const t = tally(entry.person.unitId);
      if (!t || entry.status === 'on_leave' || entry.status === 'not_due' || entry.status === 'no_workday') continue;
      t.owed++;
      if (entry.status === 'missing') continue;
      t.written++;
      if (entry.log && !entry.log.late) t.onTime++;
    }
  }
}

async function countMonthlyReviews(deps: CoreDeps, periodKey: string, tally: (unitId: string) => Tally | null): Promise<void> {
  for await (const page of reviewsOfMonths(deps.db, monthsOf(periodKey))) for (const review of page) {
    if (review.status !== 'submitted') continue;
    const t = tally(review.unit_id);
    if (!t) continue;
    if (review.total !== null && Number.isFinite(Number(review.total))) {
      t.scoreSum += Number(review.total);
      t.scored++;
    }
    if (review.tier === '好' || review.tier === '较好' || review.tier === '一般' || review.tier === '较差') {
      t.tiered++;
      if (review.tier === '一般' || review.tier === '较差') t.low++;
    }
  }
}

async function countTraining(deps: CoreDeps, year: number, checkpoint: CheckpointKind, tally: (unitId: string) => Tally | null): Promise<void> {
  // Only people who were there at the checkpoint count (nobody owes one that passed before they joined).
  const day = checkpointDate(year, checkpoint, deps.rules.training);
  const people = (await findActivePeople(deps.db)).filter((p) => p.joinedOn <= day);
  const progress = await progressByPerson(deps.db, deps.rules, year, people.map((p) => p.openId));
  for (const person of people) {
    const t = tally(person.unitId);
    const p = progress.get(person.openId);
    if (!t || !p) continue;
    t.headcount++;
    if (!isBehind(p, checkpoint, deps.rules.training)) t.onTrack++;
  }
}
