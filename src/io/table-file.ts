import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { extname } from 'node:path';
import { Readable, Transform } from 'node:stream';
import { parse } from 'csv-parse';
import ExcelJS from 'exceljs';

/**
 * Reads CSV and XLSX imports (organisation, training records, indicators) one record at a time,
 * so a 50,000-row training export never sits in memory twice.
 */

export interface TableReadOptions {
  /** Columns the header must contain. Other header columns are kept in `values` too. */
  columns: readonly string[];
  /** Bytes of the file read so far (of its size); for a progress bar. */
  onProgress?: (done: number, total?: number) => void;
  /** Overrides detection by file extension. */
  format?: 'csv' | 'xlsx';
}

export interface TableRow {
  /** 1-based line (CSV) or row (XLSX) where the record starts; the header is line 1. */
  line: number;
  values: Record<string, string>;
}

export interface TableError {
  line: number;
  reason: string;
}

export type TableItem = ({ type: 'row' } & TableRow) | ({ type: 'error' } & TableError);

export interface TableReadResult {
  rows: TableRow[];
  errors: TableError[];
}

export async function readTable(path: string, opts: TableReadOptions): Promise<TableReadResult> {
  return collect(iterateTable(path, opts));
}

export async function readTableFromString(csvText: string, opts: TableReadOptions): Promise<TableReadResult> {
  return collect(iterateCsv(Readable.from([Buffer.from(csvText, 'utf8')]), opts));
}

/** Yields rows and per-line errors in file order. */
export async function* iterateTable(path: string, opts: TableReadOptions): AsyncGenerator<TableItem> {
  const format = opts.format ?? formatOf(path);
  const size = await fileSize(path);
  const file = createReadStream(path);
  const input = opts.onProgress ? file.pipe(countingStream(size, opts.onProgress)) : file;
  file.on('error', (e) => input.destroy(e));
  try {
    yield* format === 'xlsx' ? iterateXlsx(input, opts) : iterateCsv(input, opts);
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
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') throw new Error(`找不到文件：${path}`);
    throw e;
  }
}

export function formatOf(path: string): 'csv' | 'xlsx' {
  const ext = extname(path).toLowerCase();
  if (ext === '.xlsx' || ext === '.xlsm') return 'xlsx';
  if (ext === '.xls' || ext === '.et') {
    throw new Error(`不支持旧版 Excel 文件（${ext}）：请在 Excel 中另存为 .xlsx 或 CSV（UTF-8）后再导入。`);
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

// ---- header ---------------------------------------------------------------------------------

interface Header {
  names: string[];
}

/** Checks the header; returns the error to report when it cannot be used. */
function checkHeader(names: string[], required: readonly string[]): string | null {
  const seen = new Set<string>();
  const duplicated = names.filter((n) => n !== '' && (seen.has(n) || !seen.add(n)));
  if (duplicated.length > 0) return `表头列名重复：${[...new Set(duplicated)].join('、')}。`;
  const missing = required.filter((c) => !seen.has(c));
  if (missing.length > 0) {
    return `表头缺少列：${missing.join('、')}。第一行应为表头，包含这些列：${required.join(',')}`;
  }
  return null;
}

function toValues(header: Header, cells: readonly string[]): Record<string, string> {
  const values: Record<string, string> = {};
  header.names.forEach((name, i) => {
    if (name !== '') values[name] = cells[i] ?? '';
  });
  return values;
}

const isBlank = (cells: readonly string[]) => cells.every((c) => c === '');

// ---- CSV ------------------------------------------------------------------------------------

const LINE_BREAK = /\r\n|\r|\n/g;
const LEADING_BREAKS = /^(?:\r\n|\r|\n)+/;

function countBreaks(text: string): number {
  return text.match(LINE_BREAK)?.length ?? 0;
}

async function* iterateCsv(input: Readable, opts: TableReadOptions): AsyncGenerator<TableItem> {
  // csv-parse's own `info.lines` miscounts CRLF inside quoted fields, so lines are counted from
  // each record's raw text: it starts right after the previous record, skipped blank lines included.
  const parser = input.pipe(
    parse({ bom: true, raw: true, relax_column_count: true, relax_quotes: true, skip_empty_lines: true }),
  );
  input.on('error', (e) => parser.destroy(e));
  let nextLine = 1;
  let header: Header | null = null;
  try {
    for await (const { raw, record } of parser as AsyncIterable<{ raw: string; record: string[] }>) {
      const line = nextLine + countBreaks(LEADING_BREAKS.exec(raw)?.[0] ?? '');
      nextLine += countBreaks(raw);
      const cells = record.map((c) => c.trim());
      if (isBlank(cells)) continue;
      if (!header) {
        const problem = checkHeader(cells, opts.columns);
        if (problem) {
          yield { type: 'error', line, reason: problem };
          return;
        }
        header = { names: cells };
        continue;
      }
      const extra = cells.slice(header.names.length);
      if (cells.length < header.names.length || !isBlank(extra)) {
        yield {
          type: 'error',
          line,
          reason: `本行有 ${cells.length} 列，表头有 ${header.names.length} 列；含逗号或换行的内容须用英文双引号括起。`,
        };
        continue;
      }
      yield { type: 'row', line, values: toValues(header, cells) };
    }
  } catch (e) {
    yield { type: 'error', line: nextLine, reason: `CSV 格式错误，无法继续读取：${(e as Error).message}` };
    return;
  }
  if (!header) yield { type: 'error', line: 1, reason: `文件为空：第一行应为表头，包含这些列：${opts.columns.join(',')}` };
}

// ---- XLSX -----------------------------------------------------------------------------------

async function* iterateXlsx(input: Readable, opts: TableReadOptions): AsyncGenerator<TableItem> {
  // styles: 'cache' lets the reader turn date-formatted numbers into Dates.
  const workbook = new ExcelJS.stream.xlsx.WorkbookReader(input, {
    worksheets: 'emit',
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
    entries: 'ignore',
  });
  let header: Header | null = null;
  try {
    for await (const sheet of workbook) {
      for await (const row of sheet) {
        const cells = rowCells(row.values);
        if (isBlank(cells)) continue;
        if (!header) {
          const problem = checkHeader(cells, opts.columns);
          if (problem) {
            yield { type: 'error', line: row.number, reason: problem };
            return;
          }
          header = { names: cells };
          continue;
        }
        // Excel leaves trailing empty cells out; only non-empty cells beyond the header are wrong.
        if (!isBlank(cells.slice(header.names.length))) {
          yield { type: 'error', line: row.number, reason: `本行在表头以外的列还有内容（表头有 ${header.names.length} 列）。` };
          continue;
        }
        yield { type: 'row', line: row.number, values: toValues(header, cells) };
      }
      break; // first worksheet only
    }
  } catch (e) {
    yield { type: 'error', line: 1, reason: `无法读取 XLSX 文件：${(e as Error).message}` };
    return;
  }
  if (!header) yield { type: 'error', line: 1, reason: `工作表为空：第一行应为表头，包含这些列：${opts.columns.join(',')}` };
}

/** exceljs row.values is 1-based and sparse. */
function rowCells(values: ExcelJS.Row['values']): string[] {
  const list = Array.isArray(values) ? values.slice(1) : Object.values(values ?? {});
  return Array.from(list, (v) => cellText(v).trim());
}

const pad2 = (n: number) => String(n).padStart(2, '0');

export function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return Number.isInteger(value) ? String(value) : String(+value.toPrecision(15));
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (value instanceof Date) {
    // exceljs gives the sheet's wall-clock date and time as UTC fields.
    const date = `${value.getUTCFullYear()}-${pad2(value.getUTCMonth() + 1)}-${pad2(value.getUTCDate())}`;
    const h = value.getUTCHours();
    const m = value.getUTCMinutes();
    return h === 0 && m === 0 ? date : `${date} ${pad2(h)}:${pad2(m)}`;
  }
  if (typeof value === 'object') {
    const v = value as Record<string, unknown>;
    if (Array.isArray(v.richText)) return v.richText.map((r: { text?: string }) => r.text ?? '').join('');
    if ('result' in v) return cellText(v.result);
    if ('text' in v) return cellText(v.text);
    if ('error' in v) return String(v.error);
    if ('formula' in v || 'sharedFormula' in v) return '';
  }
  return String(value);
}
