import { badRowsError, defineImporter, reportBadRows } from '../../cli/define-importer';
import { importLeaveRows } from '../../core/org/leave-import';
import { LEAVE_COLUMNS } from '../../core/org/leave.service';
import { readTable } from '../../io/table-file';

/** `import leave FILE [--skip-bad]`: columns open_id,start_date,end_date,kind,note (kind defaults to 请假). */
export default defineImporter({
  name: 'leave',
  describe: '请假（open_id,start_date,end_date,kind,note）',
  async run(deps, file, { skipBad, actor }, io) {
    const { rows, errors: fileErrors } = await readTable(file, { columns: LEAVE_COLUMNS });
    const result = await importLeaveRows(deps.db, deps.clock, rows, { skipBad, actor, fileErrors });
    reportBadRows(io, result.errors);
    if (!result.written) throw badRowsError(file, result.errors.length);
    const skipped = result.errors.length ? `，跳过 ${result.errors.length} 行` : '';
    io.out.write(`请假导入完成：新增 ${result.added} 条，已存在 ${result.unchanged} 条${skipped}。\n`);
  },
});
