import { approveClaim, rejectClaim } from './credits-claim-decide.action';
import submitClaim from './credits-claim-submit.action';
import claim from './claim.command';
import credits from './credits.command';
import type { App } from '../../app';
import { CliError, type Io } from '../../cli/context';
import type { Importer } from '../../cli/importers';
import { CREDITS_LEDGER_COLUMNS, creditsLedgerRows } from '../../core/credits/ledger-rows';
import { TRAINING_IMPORT_COLUMNS } from '../../core/credits/training-record';
import { planTrainingImport, writeTrainingImport } from '../../core/credits/training-import.service';
import type { ActionDef, CommandDef } from '../../../commands/define-command';
import { defineLedger, type Ledger } from '../../exports/ledger';
import { createProgress } from '../../io/progress';
import { iterateTable, type TableError, type TableRow } from '../../io/table-file';
import checkpoint from './credits-checkpoint.job';
import type { JobDef } from '../../jobs/define-job';

/**
 * 学分/学时: `/学分` (progress), `/学时申报` (claim form → approval by the unit's 考核管理员),
 * the `credits-checkpoint` job, the `credits` ledger and `import training FILE`.
 */
export const commands: CommandDef[] = [credits, claim];
export const actions: ActionDef[] = [submitClaim, approveClaim, rejectClaim];
export const jobs: JobDef[] = [checkpoint];

/** `met` is written as 1 (requirement met) or 0. */
export const ledgers: Ledger[] = [
  defineLedger({
    name: 'credits',
    describe: '年度学时台账',
    periodKind: 'year',
    columns: CREDITS_LEDGER_COLUMNS,
    rows: (deps, year) => creditsLedgerRows(deps, year),
  }),
];

/**
 * `import training FILE [--skip-bad]`: bad lines are printed as `第 N 行：理由` on stderr; with any bad
 * line and no --skip-bad nothing is written. Good rows go in one transaction.
 */
export const importTraining: Importer = async (app: App, file: string, skipBad: boolean, io: Io) => {
  const rows: TableRow[] = [];
  const fileProblems: TableError[] = [];
  const progress = createProgress('读取培训记录', { stream: io.err });
  try {
    for await (const item of iterateTable(file, { columns: TRAINING_IMPORT_COLUMNS, onProgress: (done, total) => progress.update(done, total) })) {
      if (item.type === 'row') rows.push({ line: item.line, values: item.values });
      else fileProblems.push({ line: item.line, reason: item.reason });
    }
  } catch (e) {
    throw new CliError(`无法读取 ${file}：${(e as Error).message}`);
  } finally {
    progress.finish();
  }

  const plan = await planTrainingImport(app.deps, rows, fileProblems);
  for (const p of plan.problems) io.err.write(`第 ${p.line} 行：${p.reason}\n`);
  if (plan.problems.length > 0 && !skipBad) {
    throw new CliError(`${file} 有 ${plan.problems.length} 行错误，未写入任何数据。改正后重新导入，或加 --skip-bad 跳过错误行。`);
  }
  const result = await writeTrainingImport(app.deps, plan, { actor: 'cli', file, skippedBad: plan.problems.length });
  const parts = [`新增 ${result.added} 条`, `已存在 ${result.alreadyPresent} 条（未重复写入）`];
  if (plan.duplicateLines.length > 0) parts.push(`文件内重复 ${plan.duplicateLines.length} 行`);
  if (plan.problems.length > 0) parts.push(`跳过错误 ${plan.problems.length} 行`);
  io.out.write(`培训记录导入完成：${parts.join('，')}。\n`);
};

export const importers: Record<string, Importer> = { training: importTraining };
