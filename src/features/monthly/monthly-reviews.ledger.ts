import { MONTHLY_LEDGER_COLUMNS, monthlyLedgerRows } from '../../core/monthly/ledger-rows';
import { defineLedger } from '../../exports/ledger';

/** `export monthly-reviews --period 2026-11`: every grade of the month, with its parts. */
export default defineLedger({
  name: 'monthly-reviews',
  describe: '月度考核台账',
  periodKind: 'month',
  columns: MONTHLY_LEDGER_COLUMNS,
  rows: (deps, monthKey) => monthlyLedgerRows(deps, monthKey),
});
