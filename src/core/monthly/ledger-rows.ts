import type { CoreDeps } from '../deps';
import { parsePeriodKey } from '../calendar/periods';
import { ledgerRowsOfMonth } from './review.repository';

export const MONTHLY_LEDGER_COLUMNS = [
  'month',
  'unit',
  'name',
  'open_id',
  'level',
  'work_score',
  'conduct_score',
  'bonus',
  'deduction',
  'total',
  'suggested_tier',
  'tier',
  'reviewer_open_id',
  'status',
] as const;

export type MonthlyLedgerRecord = Record<(typeof MONTHLY_LEDGER_COLUMNS)[number], string | number | null>;

/**
 * 月度考核台账: one row per review of the month, exactly as stored (the figures the result card
 * shows). bonus and deduction are the capped amounts that entered the total; unit and level are
 * the snapshots taken when the month was graded.
 */
export async function* monthlyLedgerRows(deps: CoreDeps, monthKey: string): AsyncIterable<MonthlyLedgerRecord> {
  const month = parsePeriodKey(monthKey, 'month').key;
  for (const r of await ledgerRowsOfMonth(deps.db, month)) {
    yield {
      month: r.month_key,
      unit: r.unit_name ?? r.unit_id,
      name: r.person_name ?? '',
      open_id: r.open_id,
      level: r.level,
      work_score: num(r.work_score),
      conduct_score: num(r.conduct_score),
      bonus: num(r.bonus),
      deduction: num(r.deduction),
      total: num(r.total),
      suggested_tier: r.suggested_tier,
      tier: r.tier,
      reviewer_open_id: r.reviewer_open_id,
      status: r.status,
    };
  }
}

const num = (x: number | null) => (x === null ? null : Number(x));
