import objectionReject from '../../cards/actions/objection-reject';
import objectionUphold from '../../cards/actions/objection-uphold';
import quarterConfirm from '../../cards/actions/quarter-confirm';
import quarterSave from '../../cards/actions/quarter-save';
import appeal from '../../commands/appeal';
import confirm from '../../commands/confirm';
import tier from '../../commands/tier';
import type { Importer } from '../cli/importers';
import { ANNUAL_ELIGIBILITY_COLUMNS, annualEligibilityRecords } from '../core/grading/annual-ledger';
import { QUARTER_TIER_COLUMNS, quarterTierRecords } from '../core/grading/quarter-ledger';
import type { ActionDef, CommandDef } from '../dispatch/define';
import { defineLedger, type Ledger } from '../exports/ledger';
import type { JobDef } from '../jobs/define-job';
import quarterClose from '../jobs/quarter-close.job';

/** What 季审定 · 结果反馈 · 异议 · 年度链接 plugs into the bot. */
export const commands: CommandDef[] = [tier, appeal, confirm];
export const actions: ActionDef[] = [quarterSave, quarterConfirm, objectionReject, objectionUphold];
export const jobs: JobDef[] = [quarterClose];
export const ledgers: Ledger[] = [
  defineLedger({
    name: 'quarter-tiers',
    describe: '季度审定台账',
    periodKind: 'quarter',
    columns: QUARTER_TIER_COLUMNS,
    rows: (deps, periodKey) => quarterTierRecords(deps.db, periodKey),
  }),
  defineLedger({
    name: 'annual-eligibility',
    describe: '年度评优资格台账',
    periodKind: 'year',
    columns: ANNUAL_ELIGIBILITY_COLUMNS,
    rows: (deps, periodKey) => annualEligibilityRecords(deps, periodKey),
  }),
];
export const importers: Record<string, Importer> = {};
