import { badRowsError, defineImporter, reportBadRows } from '../../cli/define-importer';
import { applyOrgSnapshot, describeApplyResult } from '../../core/org/org.service';
import { ORG_COLUMNS, parseOrgRows } from '../../core/org/org-snapshot';
import { readTable } from '../../io/table-file';

/** `import org FILE [--skip-bad]`: units and people (CONTRACT.md columns); people missing from a listed unit are deactivated. */
export default defineImporter({
  name: 'org',
  describe: '组织与人员（open_id,user_id,name,unit_id,unit_name,parent_unit_id,leader_open_id,level,roles,unit_chat_id）',
  async run(deps, file, { skipBad, actor }, io) {
    const { rows, errors: fileErrors } = await readTable(file, { columns: ORG_COLUMNS });
    const { snapshot, errors } = parseOrgRows(rows);
    const all = [...fileErrors, ...errors].sort((a, b) => a.line - b.line);
    reportBadRows(io, all);
    if (all.length && !skipBad) throw badRowsError(file, all.length);
    const result = await applyOrgSnapshot(deps.db, deps.clock, snapshot, { source: 'import', actor, deactivate: 'missing-in-listed-units' });
    io.out.write(`导入完成（${snapshot.people.length} 人${all.length ? `，跳过 ${all.length} 行` : ''}）：${describeApplyResult(result)}\n`);
  },
});
