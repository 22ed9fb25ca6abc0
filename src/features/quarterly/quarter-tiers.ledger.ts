import { QUARTER_TIER_COLUMNS, quarterTierPartColumns, quarterTierRecords } from '../../core/quarterly/ledger-rows';
import { defineLedger } from '../../exports/ledger';

/** `export quarter-tiers --period 2026-Q4`: every person's quarterly score, tier and status. */
export default defineLedger({
  name: 'quarter-tiers',
  describe: '季度审定台账',
  periodKind: 'quarter',
  columns: QUARTER_TIER_COLUMNS,
  extraColumns: quarterTierPartColumns,
  rows: (deps, quarterKey) => quarterTierRecords(deps.db, quarterKey),
});
