import { UNDETERMINED } from '../rules/terms';
import type { MonthlyReviewRow } from '../../db/schema';
import { parsePeriodKey } from '../calendar/periods';
import type { CoreDeps } from '../deps';
import { notFound, staleCard } from '../errors';
import { findActivePeople, findPerson } from '../org/people.repository';
import { personRowToPerson, type Person } from '../org/person';
import { assertCanGrade, assertMonthOpen, quarterOfMonth } from './grading-access';
import { gradeFromForm, type ComputedGrade, type GradeFormText } from './grade-form';
import { monthlyReviewRowToReview, type MonthlyReview } from './review';
import * as repo from './review.repository';
import { writeGradeAudited } from './grade-write.repository';

/** A card built before the stored grade changed (another grader, or a second card). */
const STALE_HINT = '评鉴结果已被更新，请以最新卡片为准';
const GONE = '找不到这条月度评鉴记录，请发送“评鉴”重新获取评鉴卡片。';

/** A person to be graded for a month, and who grades them. */
export interface Gradee {
  person: Person;
  leader: Person;
}

/**
 * Everyone graded for a month: active people whose direct supervisor is an active person in the
 * organisation. A supervisor is graded by their own leader in turn; the top of the chain is not.
 * With `monthKey`, nobody who joined after the month ended (joined_on) is graded for it.
 */
export async function gradeesOf(deps: CoreDeps, filter: { leaderOpenId?: string; monthKey?: string } = {}): Promise<Gradee[]> {
  const everyone = await findActivePeople(deps.db);
  const byId = new Map(everyone.map((p) => [p.openId, p]));
  const monthEnd = filter.monthKey ? parsePeriodKey(filter.monthKey, 'month').end : null;
  const out: Gradee[] = [];
  for (const person of everyone) {
    if (!person.leaderOpenId || (filter.leaderOpenId && person.leaderOpenId !== filter.leaderOpenId)) continue;
    if (monthEnd && person.joinedOn > monthEnd) continue;
    const leader = byId.get(person.leaderOpenId);
    if (leader && leader.openId !== person.openId) out.push({ person, leader });
  }
  return out;
}

/** Each person's review for the month by open_id, created as pending (with their unit and level) where absent. */
export async function ensureReviews(deps: CoreDeps, people: readonly Person[], monthKey: string): Promise<Map<string, MonthlyReview>> {
  await repo.insertPendingReviews(deps.db, people.map((p) => ({ openId: p.openId, monthKey, unitId: p.unitId, level: p.level })), deps.clock.now());
  const reviews = new Map((await repo.findReviewsFor(deps.db, people.map((p) => p.openId), monthKey)).map((row) => [row.open_id, monthlyReviewRowToReview(row)]));
  const vanished = people.find((p) => !reviews.has(p.openId));
  if (vanished) throw new Error(`monthly review for ${vanished.openId} ${monthKey} vanished after insert`);
  return reviews;
}

export async function pendingReviewsOfLeader(deps: CoreDeps, leaderOpenId: string): Promise<MonthlyReview[]> {
  return (await repo.pendingReviewsOfLeader(deps.db, leaderOpenId)).map(monthlyReviewRowToReview);
}

/** Who in a unit is still waiting to be graded, grouped by month and supervisor, for its unit admin. */
export async function pendingOverviewOfUnit(
  deps: CoreDeps,
  unitId: string,
): Promise<Array<{ monthKey: string; leaderName: string | null; names: string[] }>> {
  const groups = new Map<string, { monthKey: string; leaderOpenId: string | null; names: string[] }>();
  for (const r of await repo.pendingReviewsInUnit(deps.db, unitId)) {
    const key = `${r.month_key}|${r.leader_open_id ?? ''}`;
    const g = groups.get(key) ?? { monthKey: r.month_key, leaderOpenId: r.leader_open_id, names: [] };
    g.names.push(r.name);
    groups.set(key, g);
  }
  const out = [];
  for (const g of groups.values()) {
    const leader = g.leaderOpenId ? await findPerson(deps.db, g.leaderOpenId) : null;
    out.push({ monthKey: g.monthKey, leaderName: leader?.name ?? null, names: g.names });
  }
  return out;
}

/** The review behind a card click, after checking the actor may grade it and its quarter is open. */
export async function openReviewForGrading(deps: CoreDeps, actor: Person, reviewId: string): Promise<MonthlyReview> {
  const { row, person } = await loadChecked(deps, actor, reviewId);
  await assertMonthOpen(deps.db, row.month_key, poolsOf(row, person));
  return monthlyReviewRowToReview(row);
}

export interface SubmitResult {
  review: MonthlyReview;
  /** The graded person and their unit as read for the check (the result card shows them without reading again). */
  person: Person;
  unit: { id: string; name: string } | null;
  /** False when the stored grade already equals this one (a double click): nothing was written. */
  changed: boolean;
}

/**
 * Grades (or re-grades) a month from the card's form. Nothing from the card is trusted but the
 * review id, and that only to find the row: the actor is checked against the person's current
 * supervisor chain and unit. `cardRevision` is the revision the card was built from; a card older
 * than the stored grade is refused unless it repeats that grade exactly. The write itself checks
 * the revision and the quarter's locks, so the reads before it need no transaction.
 */
export async function submitMonthlyGrade(
  deps: CoreDeps,
  actor: Person,
  input: { reviewId: string; cardRevision: number; form: GradeFormText },
): Promise<SubmitResult> {
  const { row, person, unit } = await loadChecked(deps, actor, input.reviewId);
  const pools = poolsOf(row, person);
  // Whenever nothing is written (a repeated grade, a stale card, a refused write), a locked quarter
  // says so first: a fresh card would not help. A write that goes through checked the locks itself.
  const assertOpen = () => assertMonthOpen(deps.db, row.month_key, pools);
  const unchanged = (latest: MonthlyReviewRow): SubmitResult => ({ review: monthlyReviewRowToReview(latest), person, unit, changed: false });
  const grade = await gradeOrLocked(input.form, deps.rules, assertOpen);
  const now = deps.clock.now();
  const columns = gradeColumns(grade, person, actor.openId);
  if (row.status !== 'pending' && sameGrade(row, columns)) {
    await assertOpen();
    return unchanged(row);
  }
  const revision = Number(row.revision);
  if (input.cardRevision !== revision) {
    await assertOpen();
    throw staleCard(STALE_HINT);
  }
  const written: MonthlyReviewRow = { ...row, ...columns, revision: revision + 1, updated_at: now.toISOString() };
  const after = await writeGradeAudited(deps.db, {
    id: row.id,
    expectedRevision: revision,
    grade: columns,
    at: now,
    guard: { quarterKey: quarterOfMonth(row.month_key), pools },
    entry: {
      actor: actor.openId,
      action: row.status === 'pending' ? 'grading.monthly.submit' : 'grading.monthly.regrade',
      entityType: 'monthly_review',
      entityId: row.id,
      before: row.status === 'pending' ? { status: 'pending', revision } : snapshot(row),
      after: snapshot(written),
      reason: columns.override_reason,
    },
  });
  if (after) return { review: monthlyReviewRowToReview(after), person, unit, changed: true };
  // Nothing written: the quarter was locked, or someone wrote between our read and write (a
  // concurrent double click, which has the same outcome as above).
  await assertOpen();
  const latest = await repo.findReviewById(deps.db, row.id);
  if (latest && sameGrade(latest, columns)) return unchanged(latest);
  throw staleCard(STALE_HINT);
}

/**
 * The form's grade. An invalid form on a locked quarter says it is locked: completing the form
 * would only lead to that refusal. (A valid one is checked for the lock when it is written.)
 */
async function gradeOrLocked(form: GradeFormText, rules: CoreDeps['rules'], assertOpen: () => Promise<void>): Promise<ComputedGrade> {
  try {
    return gradeFromForm(form, rules);
  } catch (e) {
    await assertOpen();
    throw e;
  }
}

/** Both the pool the review was filed in and the person's current one: moving someone cannot reopen a locked month. */
function poolsOf(row: MonthlyReviewRow, person: Person) {
  return [
    { unitId: row.unit_id, level: row.level },
    { unitId: person.unitId, level: person.level },
  ];
}

async function loadChecked(deps: CoreDeps, actor: Person, reviewId: string) {
  const found = reviewId ? await repo.findReviewWithPerson(deps.db, reviewId) : null;
  if (!found?.person) throw notFound(GONE);
  const person = personRowToPerson(found.person);
  await assertCanGrade(deps.db, actor, person);
  return { row: found.row, person, unit: found.unit };
}

function gradeColumns(g: ComputedGrade, person: Person, reviewer: string): repo.GradeColumns {
  return {
    unit_id: person.unitId,
    level: person.level,
    reviewer_open_id: reviewer,
    work_score: g.work,
    conduct_score: g.conduct,
    bonuses: JSON.stringify(g.bonuses),
    deductions: JSON.stringify(g.deductions),
    bonus: g.score?.bonus ?? null,
    deduction: g.score?.deduction ?? null,
    total: g.score?.total ?? null,
    suggested_tier: g.suggestedTier,
    tier: g.tier,
    override_reason: g.overrideReason,
    comment: g.comment,
    status: g.tier === UNDETERMINED ? 'undetermined' : 'submitted',
  };
}

/** What the grader decided; who clicked and the derived figures do not make a grade different. */
function sameGrade(row: MonthlyReviewRow, c: repo.GradeColumns): boolean {
  const num = (x: number | null) => (x === null ? null : Number(x));
  return (
    num(row.work_score) === c.work_score &&
    num(row.conduct_score) === c.conduct_score &&
    row.bonuses === c.bonuses &&
    row.deductions === c.deductions &&
    row.tier === c.tier &&
    row.override_reason === c.override_reason &&
    row.comment === c.comment
  );
}

function snapshot(row: MonthlyReviewRow) {
  return {
    status: row.status,
    revision: Number(row.revision),
    unit_id: row.unit_id,
    level: row.level,
    reviewer_open_id: row.reviewer_open_id,
    work_score: row.work_score,
    conduct_score: row.conduct_score,
    bonuses: JSON.parse(row.bonuses) as unknown,
    deductions: JSON.parse(row.deductions) as unknown,
    bonus: row.bonus,
    deduction: row.deduction,
    total: row.total,
    suggested_tier: row.suggested_tier,
    tier: row.tier,
    override_reason: row.override_reason,
    comment: row.comment,
  };
}
