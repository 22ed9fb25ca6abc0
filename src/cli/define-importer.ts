import { invalidInput } from '../core/errors';
import type { CoreDeps } from '../core/deps';

export interface Io {
  out: NodeJS.WritableStream;
  err: NodeJS.WritableStream;
}

export interface ImportOptions {
  /** Write the good rows of a file that has bad ones (`--skip-bad`). */
  skipBad: boolean;
  /** Who asked, for the audit log (`cli` from the command line). */
  actor: string;
}

/**
 * `pingshi import NAME FILE`: one per kind of file, owned by its feature. A file with bad rows is
 * reported by line and nothing is written unless `skipBad`; errors are DomainErrors (exit code 1).
 */
export interface ImporterDef {
  name: string;
  describe: string;
  run(deps: CoreDeps, file: string, opts: ImportOptions, io: Io): Promise<void>;
}

export const defineImporter = (def: ImporterDef): ImporterDef => def;

/** Every importer refuses a file with bad rows the same way (they were printed by line just before). */
export const badRowsError = (file: string, count: number) =>
  invalidInput(`${file} 有 ${count} 行错误，未写入任何数据。改正后重新导入，或加 --skip-bad 跳过错误行。`);

/** Each bad row on its own line of stderr, as `第 N 行：理由`. */
export function reportBadRows(io: Io, rows: ReadonlyArray<{ line: number; reason: string }>): void {
  for (const r of rows) io.err.write(`第 ${r.line} 行：${r.reason}\n`);
}
