import { SUMMARY_LEDGER_COLUMNS, summaryLedgerRows } from '../../core/summary/ledger-rows';
import { defineLedger } from '../../exports/ledger';

/** `export self-summaries --period 2026-Q4` (or a month): every submitted 个人小结 of the period. */
export default defineLedger({
  name: 'self-summaries',
  describe: '个人小结台账',
  periodKind: ['quarter', 'month'],
  columns: SUMMARY_LEDGER_COLUMNS,
  rows: (deps, periodKey) => summaryLedgerRows(deps, periodKey),
});
