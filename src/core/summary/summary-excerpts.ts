import type { Kysely } from 'kysely';
import type { Rules } from '../rules/rules';
import type { Database } from '../../db/schema';
import { formatPeriodLabel, monthsOfQuarter, parsePeriodKey } from '../calendar/periods';
import { instantLabel } from '../weekly/format';
import { charCount } from './self-summary';
import { findSubmitted, submittedSummariesRead } from './self-summary.repository';
import { summaryPeriodOfMonth } from './summary-schedule';
import type { SummaryExcerpt } from './views';
import { mapRead, readRows, type Read } from '../read-together';

/**
 * The summary each person's grading card for a month shows, by open_id: that of the period the
 * month belongs to, once the period ends with this month or a summary is in. Null when there is
 * nothing to say.
 */
export function summariesForGradingRead(db: Kysely<Database>, rules: Rules, openIds: readonly string[], monthKey: string): Read<Map<string, SummaryExcerpt | null>> {
  if (!rules.self_summary.enabled) return readRows(null, () => new Map(openIds.map((id) => [id, null])));
  const period = summaryPeriodOfMonth(rules.self_summary, monthKey);
  const periodEnds = parsePeriodKey(period).end === parsePeriodKey(monthKey, 'month').end;
  return mapRead(submittedSummariesRead(db, period, openIds), (submitted) =>
    new Map(
      openIds.map((openId) => {
        const s = submitted.get(openId);
        if (!s && !periodEnds) return [openId, null];
        return [openId, { periodLabel: formatPeriodLabel(period), text: s?.content ?? null, chars: s?.content ? charCount(s.content) : 0, submittedAtLabel: s?.submittedAt ? instantLabel(s.submittedAt) : null }];
      }),
    ),
  );
}

/** The summary period a quarter's determination shows: the quarter, or its last month for monthly summaries. */
export function summaryPeriodOfQuarter(rules: Rules, quarterKey: string): string {
  return rules.self_summary.period === 'month' ? monthsOfQuarter(quarterKey)[2] : quarterKey;
}

/** Submitted summaries for the determination card, by open_id (texts in full; the card cuts them to fit). */
export async function summariesForQuarter(db: Kysely<Database>, rules: Rules, quarterKey: string, openIds: readonly string[]): Promise<Map<string, string>> {
  if (!rules.self_summary.enabled) return new Map();
  const found = await findSubmitted(db, summaryPeriodOfQuarter(rules, quarterKey), openIds);
  return new Map([...found].map(([id, s]) => [id, s.content ?? '']));
}
