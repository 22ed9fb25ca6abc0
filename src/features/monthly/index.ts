import regradeMonthly from './monthly-regrade.action';
import submitMonthly from './monthly-submit.action';
import review from './review.command';
import type { ActionDef, CommandDef } from '../../../commands/define-command';
import { defineLedger, type Ledger } from '../../exports/ledger';
import type { JobDef } from '../../jobs/define-job';
import monthlyReviewJob from './monthly-review.job';
import type { Importer } from '../../cli/importers';
import { MONTHLY_LEDGER_COLUMNS, monthlyLedgerRows } from '../../core/monthly/ledger-rows';

/** What the grading feature (月考核) plugs into the bot: its commands, card actions, jobs, ledgers and importers. */
export const commands: CommandDef[] = [review];
export const actions: ActionDef[] = [submitMonthly, regradeMonthly];
export const jobs: JobDef[] = [monthlyReviewJob];
export const ledgers: Ledger[] = [
  defineLedger({
    name: 'monthly-reviews',
    describe: '月度考核台账',
    periodKind: 'month',
    columns: MONTHLY_LEDGER_COLUMNS,
    rows: (deps, periodKey) => monthlyLedgerRows(deps, periodKey),
  }),
];
export const importers: Record<string, Importer> = {};
