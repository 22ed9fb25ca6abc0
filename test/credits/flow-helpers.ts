import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { main } from '../../src/cli/main';
import type { Io } from '../../src/cli/context';
import { readTableFromString } from '../../src/io/table-file';
import { writeTable } from '../../src/io/table-writer';
import type { Harness } from '../helpers/harness';

export const TRAINING_HEADER = 'open_id,date,title,kind,hours,required';

export interface Captured extends Io {
  stdout(): string;
  stderr(): string;
}

export function captureIo(): Captured {
  const chunks = { out: [] as string[], err: [] as string[] };
  const sink = (into: string[]) =>
    new Writable({
      write(chunk, _enc, cb) {
        into.push(String(chunk));
        cb();
      },
    });
  return { out: sink(chunks.out), err: sink(chunks.err), stdout: () => chunks.out.join(''), stderr: () => chunks.err.join('') };
}

export function tempDir(): { dir: string; file(name: string, text: string): string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'pingshi-credits-'));
  return {
    dir,
    file(name, text) {
      const path = join(dir, name);
      writeFileSync(path, text);
      return path;
    },
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** The real CLI entry against the harness's database, with the environment restored afterwards. */
export async function runCli(h: Harness, args: string[]): Promise<{ code: number; out: string; err: string }> {
  const saved = { ...process.env };
  for (const name of ['LARK_APP_ID', 'LARK_APP_SECRET', 'LARK_ENCRYPT_KEY', 'LARK_VERIFICATION_TOKEN', 'PINGSHI_RULES']) delete process.env[name];
  process.env.DATABASE_URL = h.store.url;
  process.env.LOG_LEVEL = 'silent';
  const io = captureIo();
  try {
    const code = await main(args, io);
    return { code, out: io.stdout(), err: io.stderr() };
  } finally {
    for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key];
    Object.assign(process.env, saved);
  }
}

/** The importer as `import training` runs it, on the harness app (its manual clock included). */
export async function importFile(h: Harness, path: string, skipBad = false) {
  const io = captureIo();
  await h.app.importer('training')!.run(h.app.deps, path, { skipBad, actor: 'cli' }, io);
  return { out: io.stdout(), err: io.stderr() };
}

/** `export credits --period YEAR` as CSV text, parsed back into rows. */
export async function exportCredits(h: Harness, year: string): Promise<Array<Record<string, string>>> {
  const ledger = h.app.ledger('credits')!;
  const io = captureIo();
  await writeTable({ columns: ledger.columns, rows: ledger.rows(h.app.deps, year), format: 'csv', out: io.out });
  const { rows } = await readTableFromString(io.stdout(), { columns: ledger.columns });
  return rows.map((r) => r.values);
}

export function trainingCsv(rows: Array<[string, string, string, string, string, string]>): string {
  return [TRAINING_HEADER, ...rows.map((r) => r.join(','))].join('\n') + '\n';
}
