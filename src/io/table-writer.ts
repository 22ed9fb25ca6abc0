import { once } from 'node:events';
import { PassThrough } from 'node:stream';
import { finished } from 'node:stream/promises';
import { writeFileAtomically } from './atomic-file';
import { loadExcel } from './xlsx-workbook';

/**
 * Writes ledgers (台账) as CSV or XLSX, streaming so an export of every weekly record stays flat in
 * memory. Every text cell is formula-neutralised, whatever the destination: record contents are
 * written by staff, and a CSV piped from stdout is opened in Excel as often as a file is.
 */

export type Cell = string | number | null | undefined;
export type TableRecord = Record<string, Cell>;
export type TableFormat = 'csv' | 'xlsx';

export interface WriteTableOptions {
  columns: readonly string[];
  rows: AsyncIterable<TableRecord> | Iterable<TableRecord>;
  format: TableFormat;
  /** Left open: the caller owns it (it may be stdout). */
  out: NodeJS.WritableStream;
  /** CSV only: start with a UTF-8 BOM so Excel does not read the Chinese as GBK. */
  bom?: boolean;
  /** XLSX only. */
  sheetName?: string;
}

/** Writes the header and every row; resolves with the number of data rows. */
export async function writeTable(opts: WriteTableOptions): Promise<number> {
  return opts.format === 'xlsx' ? writeXlsx(opts) : writeCsv(opts);
}

/** Same as writeTable into a file that is replaced atomically, on disk when this resolves. */
export async function writeTableToFile(path: string, opts: Omit<WriteTableOptions, 'out'>): Promise<number> {
  return writeFileAtomically(path, (out) => writeTable({ ...opts, out }));
}

const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * Text that Excel (or LibreOffice, WPS) would evaluate gets an apostrophe in front, so =HYPERLINK(…)
 * or +cmd|… is shown as typed. Numbers are never touched: -5 stays a number.
 */
export function neutraliseFormula(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

// ---- CSV ------------------------------------------------------------------------------------

const NEEDS_QUOTES = /[",\r\n]/;

export function csvField(value: Cell): string {
  if (value === null || value === undefined) return '';
  const text = typeof value === 'number' ? (Number.isFinite(value) ? String(value) : '') : neutraliseFormula(value);
  return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function csvLine(values: readonly Cell[]): string {
  return `${values.map(csvField).join(',')}\n`;
}

export function renderCsv(columns: readonly string[], rows: Iterable<TableRecord>): string {
  let text = csvLine(columns);
  for (const row of rows) text += csvLine(columns.map((c) => row[c]));
  return text;
}

async function writeCsv(opts: WriteTableOptions): Promise<number> {
  const { columns, out } = opts;
  // Rows are batched into ~64 KiB writes; one write per row costs more than the formatting.
  let buffer = (opts.bom ? '\uFEFF' : '') + csvLine(columns);
  let count = 0;
  for await (const row of opts.rows) {
    buffer += csvLine(columns.map((c) => row[c]));
    count++;
    if (buffer.length >= 65_536) {
      await write(out, buffer);
      buffer = '';
    }
  }
  await write(out, buffer);
  return count;
}

async function write(out: NodeJS.WritableStream, text: string): Promise<void> {
  if (text !== '' && !out.write(text)) await once(out as NodeJS.EventEmitter, 'drain');
}

// ---- XLSX -----------------------------------------------------------------------------------

/** Rows looked at to size the columns before the first row is committed. */
const WIDTH_SAMPLE_ROWS = 200;
const MIN_WIDTH = 8;
const MAX_WIDTH = 60;

/** Excel column width units: roughly one per Latin character, two per CJK character. */
export function displayWidth(text: string): number {
  let width = 0;
  for (const ch of text) width += ch.codePointAt(0)! > 0x2e7f ? 2 : 1;
  return width;
}

async function writeXlsx(opts: WriteTableOptions): Promise<number> {
  const { columns } = opts;
  // exceljs ends the stream it writes to; a pass-through keeps the caller's stream open.
  const zipOut = new PassThrough();
  zipOut.pipe(opts.out as NodeJS.WritableStream, { end: false });
  const zipDone = finished(zipOut);
  const workbook = new (await loadExcel()).stream.xlsx.WorkbookWriter({ stream: zipOut, useStyles: true, useSharedStrings: false });
  const sheet = workbook.addWorksheet(opts.sheetName ?? 'Sheet1', { views: [{ state: 'frozen', ySplit: 1 }] });

  const iterator = toAsyncIterator(opts.rows);
  const sample: TableRecord[] = [];
  let next = await iterator.next();
  while (!next.done && sample.length < WIDTH_SAMPLE_ROWS) {
    sample.push(next.value);
    next = await iterator.next();
  }
  sheet.columns = columns.map((name) => ({
    key: name,
    width: columnWidth(name, sample),
  }));

  const header = sheet.addRow([...columns]);
  header.font = { bold: true };
  header.commit();

  let count = 0;
  const add = (row: TableRecord) => {
    sheet.addRow(columns.map((c) => xlsxValue(row[c]))).commit();
    count++;
  };
  sample.forEach(add);
  while (!next.done) {
    add(next.value);
    next = await iterator.next();
  }
  sheet.commit();
  await workbook.commit();
  await zipDone;
  return count;
}

function columnWidth(name: string, sample: readonly TableRecord[]): number {
  let widest = displayWidth(name);
  for (const row of sample) {
    const value = row[name];
    // A multi-line cell is as wide as its longest line.
    for (const line of String(value ?? '').split('\n')) widest = Math.max(widest, displayWidth(line));
  }
  return Math.min(MAX_WIDTH, Math.max(MIN_WIDTH, widest + 2));
}

function xlsxValue(value: Cell): string | number | null {
  if (value === undefined || value === null) return null;
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  return neutraliseFormula(value);
}

function toAsyncIterator<T>(source: AsyncIterable<T> | Iterable<T>): AsyncIterator<T> {
  if (Symbol.asyncIterator in source) return source[Symbol.asyncIterator]();
  const it = source[Symbol.iterator]();
  return { next: async () => it.next() };
}
