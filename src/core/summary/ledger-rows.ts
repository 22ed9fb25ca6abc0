import type { CoreDeps } from '../deps';
import { parsePeriodKey } from '../calendar/periods';
import { ledgerRowsOfPeriod } from './self-summary.repository';

export const SUMMARY_LEDGER_COLUMNS = ['period', 'unit', 'name', 'open_id', 'submitted_at', 'summary'] as const;

export type SummaryLedgerRecord = Record<(typeof SUMMARY_LEDGER_COLUMNS)[number], string>;

/** 个人小结台账: every submitted summary of the period, as submitted (drafts are not exported). */
export async function* summaryLedgerRows(deps: CoreDeps, periodKey: string): AsyncIterable<SummaryLedgerRecord> {
  const period = parsePeriodKey(periodKey).key;
  for (const r of await ledgerRowsOfPeriod(deps.db, period)) {
    yield {
      period: r.period_key,
      unit: r.unit_name ?? r.unit_id,
      name: r.person_name ?? '',
      open_id: r.open_id,
      submitted_at: r.submitted_at ?? '',
      summary: r.content ?? '',
    };
  }
}
