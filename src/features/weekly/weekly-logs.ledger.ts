import { WEEKLY_LEDGER_COLUMNS, weeklyLedgerRows } from '../../core/weekly/ledger-rows';
import { defineLedger } from '../../exports/ledger';

/** `export weekly-logs --period 2026-W47`: every participant's status and record for the week. */
export default defineLedger({
  name: 'weekly-logs',
  describe: '周记台账：每人每周的提交状态与内容',
  periodKind: 'week',
  columns: WEEKLY_LEDGER_COLUMNS,
  async *rows(deps, weekKey) {
    yield* await weeklyLedgerRows(deps, weekKey);
  },
});
