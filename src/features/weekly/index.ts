import leave from '../org/leave.command';
import log from './log.command';
import mylogs from './mylogs.command';
import team from './team.command';
import weeklyConfirm from './weekly-confirm.action';
import weeklyEdit from './weekly-edit.action';
import weeklyRemind from './weekly-remind.action';
import weeklyReturn from './weekly-return.action';
import weeklySubmit from './weekly-submit.action';
import type { Importer } from '../../cli/importers';
import { invalidInput } from '../../core/errors';
import { importLeaveRows } from '../../core/org/leave-import';
import { LEAVE_COLUMNS } from '../../core/org/leave.service';
import { WEEKLY_LEDGER_COLUMNS, weeklyLedgerRows } from '../../core/weekly/ledger-rows';
import type { ActionDef, CommandDef } from '../../../commands/define-command';
import { defineLedger, type Ledger } from '../../exports/ledger';
import { readTable } from '../../io/table-file';
import type { JobDef } from '../../jobs/define-job';
import weeklyPrompt from './weekly-prompt.job';
import weeklyReminder from './weekly-reminder.job';

/** What the weekly feature (周记实) plugs into the bot: its commands, card actions, jobs, ledgers and importers. */
export const commands: CommandDef[] = [log, mylogs, team, leave];
export const actions: ActionDef[] = [weeklySubmit, weeklyEdit, weeklyConfirm, weeklyReturn, weeklyRemind];
export const jobs: JobDef[] = [weeklyPrompt, weeklyReminder];

export const ledgers: Ledger[] = [
  defineLedger({
    name: 'weekly-logs',
    describe: '周记台账：每人每周的提交状态与内容',
    periodKind: 'week',
    columns: WEEKLY_LEDGER_COLUMNS,
    async *rows(deps, weekKey) {
      yield* await weeklyLedgerRows(deps, weekKey);
    },
  }),
];

/** `import leave FILE [--skip-bad]`: columns open_id,start_date,end_date,kind,note (kind defaults to 请假). */
const importLeave: Importer = async (app, file, skipBad, io) => {
  const { rows, errors: fileErrors } = await readTable(file, { columns: LEAVE_COLUMNS });
  const result = await importLeaveRows(app.deps.db, app.deps.clock, rows, { skipBad, actor: 'cli', fileErrors });
  for (const e of result.errors) io.err.write(`第 ${e.line} 行：${e.reason}\n`);
  if (!result.written) {
    // A domain error: the CLI prints its message as one line and exits 1, without an import cycle through cli/context.
    throw invalidInput(`${file} 有 ${result.errors.length} 行错误，未写入任何数据。改正后重新导入，或加 --skip-bad 跳过错误行。`);
  }
  const skipped = result.errors.length ? `，跳过 ${result.errors.length} 行` : '';
  io.out.write(`请假导入完成：新增 ${result.added} 条，已存在 ${result.unchanged} 条${skipped}。\n`);
};

export const importers: Record<string, Importer> = { leave: importLeave };
