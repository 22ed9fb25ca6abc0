import { badRowsError, defineImporter, reportBadRows } from '../../cli/define-importer';
import { TRAINING_IMPORT_COLUMNS } from '../../core/credits/training-record';
import { planTrainingImport, writeTrainingImport } from '../../core/credits/training-import.service';
import { invalidInput } from '../../core/errors';
import { createProgress } from '../../io/progress';
import { iterateTable, type TableError, type TableRow } from '../../io/table-file';

/**
 * `import training FILE [--skip-bad]`: the training platform's export. Good rows go in one
 * transaction; a record already imported is not written twice.
 */
export default defineImporter({
  name: 'training',
  describe: '培训记录（open_id,date,title,kind,hours,required）',
  async run(deps, file, { skipBad, actor }, io) {
    const rows: TableRow[] = [];
    const fileProblems: TableError[] = [];
    const progress = createProgress('读取培训记录', { stream: io.err });
    try {
      for await (const item of iterateTable(file, { columns: TRAINING_IMPORT_COLUMNS, onProgress: (done, total) => progress.update(done, total) })) {
        if (item.type === 'row') rows.push({ line: item.line, values: item.values });
        else fileProblems.push({ line: item.line, reason: item.reason });
      }
    } catch (e) {
      throw invalidInput(`无法读取 ${file}：${(e as Error).message}`);
    } finally {
      progress.finish();
    }

    const plan = await planTrainingImport(deps, rows, fileProblems);
    reportBadRows(io, plan.problems);
    if (plan.problems.length > 0 && !skipBad) throw badRowsError(file, plan.problems.length);
    const result = await writeTrainingImport(deps, plan, { actor, file, skippedBad: plan.problems.length });
    const parts = [`新增 ${result.added} 条`, `已存在 ${result.alreadyPresent} 条（未重复写入）`];
    if (plan.duplicateLines.length > 0) parts.push(`文件内重复 ${plan.duplicateLines.length} 行`);
    if (plan.problems.length > 0) parts.push(`跳过错误 ${plan.problems.length} 行`);
    io.out.write(`培训记录导入完成：${parts.join('，')}。\n`);
  },
});
