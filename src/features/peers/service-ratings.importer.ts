import { badRowsError, defineImporter, reportBadRows } from '../../cli/define-importer';
import { invalidInput } from '../../core/errors';
import { planServiceRatingImport, SERVICE_RATING_COLUMNS, writeServiceRatingImport } from '../../core/peers/service-rating-import.service';
import { iterateTable, type TableError, type TableRow } from '../../io/table-file';

/**
 * `import service-ratings FILE [--skip-bad]`: 服务对象评价 / 好差评 from the 政务服务 platform. Each
 * period in the file replaces what was stored for it (audited). Shown to supervisors as evidence;
 * it enters a score only as rules.service_rating says.
 */
export default defineImporter({
  name: 'service-ratings',
  describe: '服务对象评价 / 好差评（open_id,period,good,bad,score）',
  async run(deps, file, { skipBad, actor }, io) {
    const rows: TableRow[] = [];
    const fileProblems: TableError[] = [];
    try {
      for await (const item of iterateTable(file, { columns: SERVICE_RATING_COLUMNS })) {
        if (item.type === 'row') rows.push({ line: item.line, values: item.values });
        else fileProblems.push({ line: item.line, reason: item.reason });
      }
    } catch (e) {
      throw invalidInput(`无法读取 ${file}：${(e as Error).message}`);
    }
    const plan = await planServiceRatingImport(deps, rows, fileProblems);
    reportBadRows(io, plan.problems);
    if (plan.problems.length > 0 && !skipBad) throw badRowsError(file, plan.problems.length);
    if (plan.rows.length === 0) throw invalidInput(`${file} 没有可导入的行。`);
    const result = await writeServiceRatingImport(deps, plan, { actor, file });
    const periods = result.map((r) => `${r.label} ${r.after} 人${r.before > 0 ? `（替换原有 ${r.before} 人）` : ''}`);
    io.out.write(`服务对象评价导入完成：${periods.join('，')}${plan.problems.length > 0 ? `；跳过错误 ${plan.problems.length} 行` : ''}。\n`);
  },
});
