import objectionReject from './quarterly-objection-reject.action';
import objectionUphold from './quarterly-objection-uphold.action';
import quarterConfirm from './quarterly-confirm.action';
import quarterSave from './quarterly-save.action';
import appeal from './appeal.command';
import confirm from './confirm.command';
import tier from '../annual/tier.command';
import type { Importer } from '../../cli/importers';
import { ANNUAL_ELIGIBILITY_COLUMNS, annualEligibilityRecords } from '../../core/annual/ledger-rows';
import { QUARTER_TIER_COLUMNS, quarterTierRecords } from '../../core/quarterly/ledger-rows';
import type { ActionDef, CommandDef } from '../../../commands/define-command';
import { defineLedger, type Ledger } from '../../exports/ledger';
import type { JobDef } from '../../jobs/define-job';
import quarterClose from './quarter-close.job';

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
