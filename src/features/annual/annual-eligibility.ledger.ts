import { ANNUAL_ELIGIBILITY_COLUMNS, annualEligibilityRecords } from '../../core/annual/ledger-rows';
import { defineLedger } from '../../exports/ledger';

/** `export annual-eligibility --period 2026`: who may be rated 优秀, and why not. */
export default defineLedger({
  name: 'annual-eligibility',
  describe: '年度评优资格台账',
  periodKind: 'year',
  columns: ANNUAL_ELIGIBILITY_COLUMNS,
  rows: (deps, year) => annualEligibilityRecords(deps, year),
});
