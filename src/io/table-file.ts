import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { extname } from 'node:path';
import { Readable, Transform } from 'node:stream';
import { invalidInput } from '../core/errors';
import { iterateCsv } from './csv-reader';
import type { TableError, TableItem, TableRow } from './table-rows';
import { detectEncoding, toUtf8 } from './text-encoding';
import { checkXlsxExpansion, MAX_XLSX_EXPANDED_BYTES } from './xlsx-guard';
import { iterateXlsx } from './xlsx-reader';

/**
 * Reads CSV and XLSX imports (organisation, training records, indicators) one record at a time,
 * so a 50,000-row training export never sits in memory twice. File-level refusals (unknown
 * encoding, old Excel format, an XLSX that inflates past the limit) throw a message that says
 * what to do; row-level problems are yielded with their line number.
 */

export type { TableError, TableItem, TableRow } from './table-rows';
export { cellText } from './xlsx-reader';

export interface TableReadOptions {
  /** Columns the header must contain. Other header columns are kept in `values` too. */
  columns: readonly string[];
  /** Bytes of the file read so far (of its size); for a progress bar. */
  onProgress?: (done: number, total?: number) => void;
  /** Overrides detection by file extension. */
  format?: 'csv' | 'xlsx';
  /** What an XLSX may expand to when unzipped (default 50 MB). */
  maxXlsxExpandedBytes?: number;
}

export interface TableReadResult {
  rows: TableRow[];
  errors: TableError[];
}

export async function readTable(path: string, opts: TableReadOptions): Promise<TableReadResult> {
  return collect(iterateTable(path, opts));
}

export async function readTableFromString(csvText: string, opts: TableReadOptions): Promise<TableReadResult> {
  return collect(iterateCsv(Readable.from([Buffer.from(csvText, 'utf8')]), opts.columns));
}

/** Yields rows and per-line errors in file order. */
export async function* iterateTable(path: string, opts: TableReadOptions): AsyncGenerator<TableItem> {
  const format = opts.format ?? formatOf(path);
  const size = await fileSize(path);
  let decode: Transform | null = null;
  if (format === 'xlsx') await checkXlsxExpansion(path, opts.maxXlsxExpandedBytes ?? MAX_XLSX_EXPANDED_BYTES);
  else decode = toUtf8(await detectEncoding(path));
  const file = createReadStream(path);
  let input: Readable = opts.onProgress ? file.pipe(countingStream(size, opts.onProgress)) : file;
  if (input !== file) file.on('error', (e) => input.destroy(e));
  if (decode) {
    const source = input;
    input = source.pipe(decode);
    source.on('error', (e) => decode!.destroy(e));
  }
  try {
    yield* format === 'xlsx' ? iterateXlsx(input, opts.columns) : iterateCsv(input, opts.columns);
  } finally {
    file.destroy();
  }
}

function countingStream(total: number, report: (done: number, total?: number) => void): Transform {
  let done = 0;
  return new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      report((done += chunk.length), total);
      callback(null, chunk);
    },
  });
}

async function fileSize(path: string): Promise<number> {
  try {
    return (await stat(path)).size;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') throw invalidInput(`找不到文件：${path}，请检查路径。`);
    throw e;
  }
}

export function formatOf(path: string): 'csv' | 'xlsx' {
  const ext = extname(path).toLowerCase();
  if (ext === '.xlsx' || ext === '.xlsm') return 'xlsx';
  if (ext === '.xls' || ext === '.et') {
    throw invalidInput(`不支持旧版 Excel 文件（${ext}）：请在 Excel 中另存为 .xlsx 或 CSV（UTF-8）后再导入。`);
  }
  return 'csv';
}

async function collect(items: AsyncIterable<TableItem>): Promise<TableReadResult> {
  const rows: TableRow[] = [];
  const errors: TableError[] = [];
  for await (const item of items) {
    if (item.type === 'row') rows.push({ line: item.line, values: item.values });
    else errors.push({ line: item.line, reason: item.reason });
  }
  return { rows, errors };
}
