import { DomainError } from '../../core/errors';
import { confirmationReasons, describeApplyResult, previewNotes } from '../../core/org/org-change';
import type { OrgChangeOutcome } from '../../core/org/org-change.service';
import type { Io } from '../../cli/define-importer';

/**
 * `sync-org` and `import org`: what was written, or — when the run waits for `--confirm` — everyone it
 * would deactivate, one per line on stderr, and the exit code of NEEDS_CONFIRMATION.
 */
export function reportOrgOutcome(io: Io, outcome: OrgChangeOutcome, done: string): void {
  const notes = previewNotes(outcome.preview).map((n) => `${n}\n`).join('');
  if (outcome.applied) {
    io.out.write(`${done}：${describeApplyResult(outcome.result)}\n${notes}`);
    return;
  }
  const p = outcome.preview;
  io.err.write(`将进行的变动：${describeApplyResult(p.counts)}\n将停用（${p.deactivated.length} 人）：\n`);
  for (const d of p.deactivated) io.err.write(`  ${d.unitName}\t${d.name}\n`);
  io.err.write(notes);
  throw new DomainError('NEEDS_CONFIRMATION', `${confirmationReasons(p).join('')}核对上面的名单无误后，加 --confirm 重新运行；本次未做任何更改。`);
}
