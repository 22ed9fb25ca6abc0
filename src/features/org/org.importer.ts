import { badRowsError, defineImporter, reportBadRows } from '../../cli/define-importer';
import { changeOrg } from '../../core/org/org-change.service';
import { loadStoredRefs } from '../../core/org/org.repository';
import { ORG_COLUMNS, parseOrgRows } from '../../core/org/org-snapshot';
import { readTable } from '../../io/table-file';
import { reportOrgOutcome } from './org-cli-report';

/**
 * `import org FILE [--skip-bad] [--confirm]`: units and people (CONTRACT.md columns), checked against
 * each other and the stored organisation; people missing from a listed unit are deactivated, and
 * more than 10 % of the active people only with --confirm.
 */
export default defineImporter({
  name: 'org',
  describe: '组织与人员（open_id,user_id,name,unit_id,unit_name,parent_unit_id,leader_open_id,level,roles,unit_chat_id）',
  async run(deps, file, { skipBad, actor, confirm }, io) {
    const { rows, errors: fileErrors } = await readTable(file, { columns: ORG_COLUMNS });
    const { snapshot, errors } = parseOrgRows(rows, await loadStoredRefs(deps.db));
    const all = [...fileErrors, ...errors].sort((a, b) => a.line - b.line);
    reportBadRows(io, all);
    if (all.length && !skipBad) throw badRowsError(file, all.length);
    const outcome = await changeOrg(deps, snapshot, { source: 'import', caller: null, actor, confirmed: Boolean(confirm) });
    reportOrgOutcome(io, outcome, `导入完成（${snapshot.people.length} 人${all.length ? `，跳过 ${all.length} 行` : ''}）`);
  },
});
