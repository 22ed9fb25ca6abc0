import type { Rules } from '../rules/rules';
import type { CoreDeps } from '../deps';
import { findPerson, findUnit } from '../org/people.repository';
import type { Person } from '../org/person';
import { weeklyRecordsInMonth, type MonthWeekRecord } from '../weekly/weekly-month';
import type { MonthlyReview } from './review';
import { quarterKeyOf } from '../calendar/periods';
import { serviceEvidenceByPeriod } from '../peers/voices.repository';
import type { ServiceEvidence } from '../peers/compose';
import { summaryForGrading } from '../summary/summary-excerpts';
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

export async function loadGradingSheet(deps: CoreDeps, review: MonthlyReview, known: KnownRows = {}): Promise<GradingSheet> {
  const personOf = async (openId: string) => known.people?.find((p) => p.openId === openId) ?? (await findPerson(deps.db, openId));
  const unitOf = async (id: string) => known.units?.find((u) => u?.id === id) ?? (await findUnit(deps.db, id));
  const person = await personOf(review.openId);
  const unitId = person?.unitId ?? review.unitId;
  // Independent reads: on PostgreSQL they go out on several pooled connections at once.
  const [unit, reviewer, weeks, service, selfSummary] = await Promise.all([
    unitOf(unitId),
    review.reviewerOpenId ? personOf(review.reviewerOpenId) : null,
    weeklyRecordsInMonth(deps, review.openId, review.monthKey),
    serviceOf(deps, review),
    summaryForGrading(deps.db, deps.rules, review.openId, review.monthKey),
  ]);
  return {
    review,
    name: person?.name ?? review.openId,
    unitName: unit?.name ?? unitId,
    level: person?.level ?? review.level,
    reviewerName: reviewer?.name ?? null,
    weeks,
    scoring: deps.rules.scoring,
    allowUndetermined: deps.rules.monthly.allow_undetermined,
    ...service,
    selfSummary,
  };
}

async function serviceOf(deps: CoreDeps, review: MonthlyReview): Promise<Pick<GradingSheet, 'service' | 'serviceRule'>> {
  const keys = [review.monthKey, quarterKeyOf(`${review.monthKey}-01`)];
  const byPeriod = await serviceEvidenceByPeriod(deps.db, keys, review.openId);
  const service = keys.flatMap((periodKey) => {
    const evidence = byPeriod.get(periodKey);
    return evidence ? [{ periodKey, evidence }] : [];
  });
  return service.length > 0 ? { service, serviceRule: deps.rules.service_rating } : {};
}
