import { applyOrgSnapshot, describeApplyResult } from '../../core/org/org.service';
import { ORG_COLUMNS, parseOrgRows } from '../../core/org/org-snapshot';
import { readTable } from '../../io/table-file';
import type { App } from '../../app';
import { CliError, type Io } from '../../cli/context';

export async function importOrg(app: App, file: string, skipBad: boolean, io: Io): Promise<void> {
  const { rows, errors: fileErrors } = await readTable(file, { columns: ORG_COLUMNS });
  const { snapshot, errors } = parseOrgRows(rows);
  const all = [...fileErrors, ...errors].sort((a, b) => a.line - b.line);
  for (const e of all) io.err.write(`第 ${e.line} 行：${e.reason}\n`);
  if (all.length && !skipBad) {
    throw new CliError(`${file} 有 ${all.length} 行错误，未写入任何数据。改正后重新导入，或加 --skip-bad 跳过错误行。`);
  }
  const result = await applyOrgSnapshot(app.deps.db, app.deps.clock, snapshot, { source: 'import', actor: 'cli', deactivate: 'missing-in-listed-units' });
  io.out.write(`导入完成（${snapshot.people.length} 人${all.length ? `，跳过 ${all.length} 行` : ''}）：${describeApplyResult(result)}\n`);
}
