import { badRowsError, defineImporter, reportBadRows } from '../../cli/define-importer';
import { invalidInput } from '../../core/errors';
import { planIndicatorImport, writeIndicatorImport } from '../../core/ranking/indicator-import.service';
import { INDICATOR_IMPORT_COLUMNS } from '../../core/ranking/indicator-rows';
import { periodLabel } from '../../core/ranking/ranking-period';
import { iterateTable, type TableError, type TableRow } from '../../io/table-file';

/**
 * `import indicators FILE [--skip-bad]`: the 量化考评细则 items per unit and period. Each period in
 * the file replaces what was stored for it (audited); unpublished drafts of it are recomputed.
 */
export default defineImporter({
  name: 'indicators',
  describe: '单位指标（unit_id,period,indicator,value）',
  async run(deps, file, { skipBad, actor }, io) {
    const rows: TableRow[] = [];
    const fileProblems: TableError[] = [];
    try {
      for await (const item of iterateTable(file, { columns: INDICATOR_IMPORT_COLUMNS })) {
        if (item.type === 'row') rows.push({ line: item.line, values: item.values });
        else fileProblems.push({ line: item.line, reason: item.reason });
      }
    } catch (e) {
      throw invalidInput(`无法读取 ${file}：${(e as Error).message}`);
    }
    const plan = await planIndicatorImport(deps, rows, fileProblems);
    reportBadRows(io, plan.problems);
    if (plan.problems.length > 0 && !skipBad) throw badRowsError(file, plan.problems.length);
    if (plan.values.length === 0) throw invalidInput(`${file} 没有可导入的行。`);
    const result = await writeIndicatorImport(deps, plan, { actor, file });
    const periods = result.replaced.map((r) => `${periodLabel(r.periodKey)} ${r.after} 项${r.before > 0 ? `（替换原有 ${r.before} 项）` : ''}`);
    io.out.write(`单位指标导入完成：${periods.join('，')}${plan.problems.length > 0 ? `；跳过错误 ${plan.problems.length} 行` : ''}。\n`);
    for (const n of result.notes) io.out.write(`${n}\n`);
  },
});
