import { badRowsError, defineImporter, reportBadRows } from '../../cli/define-importer';
import { importSanctionRows } from '../../core/annual/sanction-import.service';
import { SANCTION_COLUMNS } from '../../core/annual/sanctions';
import { readTable } from '../../io/table-file';

/** `import sanctions FILE [--skip-bad]`: 诫勉 / 处分 / 组织处理 with their 影响期, which bar annual 优秀. */
export default defineImporter({
  name: 'sanctions',
  describe: '诫勉、处分与组织处理（open_id,kind,start_date,end_date,note）',
  async run(deps, file, { skipBad, actor }, io) {
    const { rows, errors: fileErrors } = await readTable(file, { columns: SANCTION_COLUMNS });
    const result = await importSanctionRows(deps, rows, { skipBad, actor, fileErrors });
    reportBadRows(io, result.errors);
    if (!result.written) throw badRowsError(file, result.errors.length);
    const skipped = result.errors.length ? `，跳过 ${result.errors.length} 行` : '';
    io.out.write(`处分与问责导入完成：新增 ${result.added} 条，已存在 ${result.unchanged} 条${skipped}。\n`);
  },
});
