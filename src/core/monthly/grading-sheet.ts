import type { Rules } from '../rules/rules';
import type { CoreDeps } from '../deps';
import { unitsRead } from '../org/people.repository';
import { readTogether } from '../read-together';
import { batchedCalls, perDb } from '../batched-calls';
import { groupBy } from '../group-by';
import { peopleByOpenId } from '../quarterly/people.repository';
import type { Person } from '../org/person';
import { monthWeekRecordsRead, type MonthWeekRecord } from '../weekly/weekly-month';
import type { MonthlyReview } from './review';
import { quarterKeyOf } from '../calendar/periods';
import { serviceEvidenceByPeriodRead } from '../peers/voices.repository';
import type { ServiceEvidence } from '../peers/compose';
import { summariesForGradingRead } from '../summary/summary-excerpts';
import type { SummaryExcerpt } from '../summary/views';

/**
 * Everything a grading card shows about one review, loaded fresh from the database so the card
 * always reflects the person as they are now.
 */
export interface GradingSheet {
  review: MonthlyReview;
  name: string;
  unitName: string;
  /** The person's current same-level pool. */
  level: string;
  reviewerName: string | null;
  weeks: MonthWeekRecord[];
  scoring: Rules['scoring'];
  allowUndetermined: boolean;
  /**
   * 服务对象评价 / 好差评 imported for the month and for its quarter, shown as evidence (issue 15):
   * nothing here changes the month's score; `serviceRule` says what the quarter does with it.
   */
  service?: Array<{ periodKey: string; evidence: ServiceEvidence }>;
  serviceRule?: Rules['service_rating'];
  /** The person's 个人小结 for the period this month closes or belongs to; absent: nothing to show. */
  selfSummary?: SummaryExcerpt | null;
}

/** What the caller has just read: people (the graded person, the grader) and units; the rest is read here. */
export interface KnownRows {
  people?: readonly Person[];
  units?: ReadonlyArray<{ id: string; name: string } | null>;
}

/** One review's sheet; the sheets of concurrent clicks are read together, a month at a time (see batchedCalls). */
export function loadGradingSheet(deps: CoreDeps, review: MonthlyReview, known: KnownRows = {}): Promise<GradingSheet> {
  return sheetsInTurn(deps.db, { deps, review, known });
}

type SheetRequest = { deps: CoreDeps; review: MonthlyReview; known: KnownRows };

const sheetsInTurn = perDb((_db: CoreDeps['db']) =>
  batchedCalls(async (requests: SheetRequest[]) => {
    const sheets = new Map<SheetRequest, GradingSheet>();
    for (const month of groupBy(requests, (r) => r.review.monthKey).values()) {
      const known = { people: month.flatMap((r) => r.known.people ?? []), units: month.flatMap((r) => r.known.units ?? []) };
      const loaded = await loadGradingSheets(month[0]!.deps, month.map((r) => r.review), known);
      month.forEach((r, i) => sheets.set(r, loaded[i]!));
    }
    return requests.map((r) => sheets.get(r)!);
  }),
);

/**
 * The sheets of many reviews of one month, in their order, each table read once for all of them
 * (the monthly-review job's cards for a city: ~8 statements a person before).
 */
export async function loadGradingSheets(deps: CoreDeps, reviews: readonly MonthlyReview[], known: KnownRows = {}): Promise<GradingSheet[]> {
  const monthKey = reviews[0]?.monthKey;
  if (monthKey === undefined) return [];
  if (reviews.some((r) => r.monthKey !== monthKey)) throw new Error('loadGradingSheets: reviews of more than one month');
  const openIds = reviews.map((r) => r.openId);
  const people = await peopleByOpenId(
    deps.db,
    reviews.flatMap((r) => (r.reviewerOpenId ? [r.openId, r.reviewerOpenId] : [r.openId])),
    new Map((known.people ?? []).map((p) => [p.openId, p])),
  );
  const unitIdOf = (r: MonthlyReview) => people.get(r.openId)?.unitId ?? r.unitId;
  const knownUnits = new Map((known.units ?? []).flatMap((u) => (u ? [[u.id, u] as const] : [])));
  const missingUnits = [...new Set(reviews.map(unitIdOf))].filter((id) => !knownUnits.has(id));
  // On PostgreSQL one statement for all of them (a click's result card: one round trip, not five),
  // planned once: every read is by person, on tables the grading does not fill.
  const [units, weeks, service, summaries] = await readTogether(
    deps.db,
    [
      unitsRead(deps.db, missingUnits),
      monthWeekRecordsRead(deps, openIds, monthKey),
      serviceEvidenceByPeriodRead(deps.db, [monthKey, quarterKeyOf(`${monthKey}-01`)], openIds),
      summariesForGradingRead(deps.db, deps.rules, openIds, monthKey),
    ],
    { planOnce: true },
  );
  for (const u of units) knownUnits.set(u.id, u);
  return reviews.map((review) => {
    const person = people.get(review.openId);
    const unitId = unitIdOf(review);
    return {
      review,
      name: person?.name ?? review.openId,
      unitName: knownUnits.get(unitId)?.name ?? unitId,
      level: person?.level ?? review.level,
      reviewerName: review.reviewerOpenId ? (people.get(review.reviewerOpenId)?.name ?? null) : null,
      weeks: weeks.get(review.openId) ?? [],
      scoring: deps.rules.scoring,
      allowUndetermined: deps.rules.monthly.allow_undetermined,
      ...serviceOf(deps, monthKey, service.get(review.openId)),
      selfSummary: summaries.get(review.openId) ?? null,
    };
  });
}

function serviceOf(deps: CoreDeps, monthKey: string, byPeriod: ReadonlyMap<string, ServiceEvidence> | undefined): Pick<GradingSheet, 'service' | 'serviceRule'> {
  const service = [monthKey, quarterKeyOf(`${monthKey}-01`)].flatMap((periodKey) => {
    const evidence = byPeriod?.get(periodKey);
    return evidence ? [{ periodKey, evidence }] : [];
  });
  return service.length > 0 ? { service, serviceRule: deps.rules.service_rating } : {};
}
