import { CREDITS_LEDGER_COLUMNS, creditsLedgerRows } from '../../core/credits/ledger-rows';
import { defineLedger } from '../../exports/ledger';

/** `export credits --period 2026`: each person's hours against the year's requirements (`met` is 1 or 0). */
export default defineLedger({
  name: 'credits',
  describe: '年度学时台账',
  periodKind: 'year',
  columns: CREDITS_LEDGER_COLUMNS,
  rows: (deps, year) => creditsLedgerRows(deps, year),
});
