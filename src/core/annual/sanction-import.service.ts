import type { CoreDeps } from '../deps';
import { audit } from '../audit';
import { validateSanctionRow, type Sanction } from './sanctions';
import { insertSanction } from './sanctions.repository';

export interface SanctionImportResult {
  added: number;
  unchanged: number;
  errors: Array<{ line: number; reason: string }>;
  written: boolean;
}

/**
 * `import sanctions FILE`: every row is checked first; with a bad row nothing is written unless
 * `skipBad`, and then only the good rows are, in one transaction. Each added sanction is audited.
 */
export async function importSanctionRows(
  deps: CoreDeps,
  rows: ReadonlyArray<{ line: number; values: Record<string, string> }>,
  opts: { skipBad: boolean; actor: string; fileErrors?: Array<{ line: number; reason: string }> },
): Promise<SanctionImportResult> {
  // Anyone ever in the organisation is known: a sanction of someone who has left is still history.
  const known = new Set((await deps.db.selectFrom('people').select('open_id').execute()).map((r) => r.open_id));
  const errors = [...(opts.fileErrors ?? [])];
  const good: Sanction[] = [];
  for (const { line, values } of rows) {
    const checked = validateSanctionRow(values, (id) => known.has(id));
    if (checked.ok) good.push(checked.sanction);
    else errors.push({ line, reason: checked.reason });
  }
  errors.sort((a, b) => a.line - b.line);
  if (errors.length > 0 && !opts.skipBad) return { added: 0, unchanged: 0, errors, written: false };
  const at = deps.clock.now();
  let added = 0;
  await deps.db.transaction().execute(async (trx) => {
    for (const s of good) {
      const id = await insertSanction(trx, s, opts.actor, at);
      if (!id) continue;
      added++;
      await audit(trx, at, { actor: opts.actor, action: 'annual.sanction.import', entityType: 'sanction', entityId: id, after: { ...s } });
    }
  });
  return { added, unchanged: good.length - added, errors, written: true };
}
