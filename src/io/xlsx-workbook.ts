import type { Readable } from 'node:stream';
import { TextDecoder } from 'node:util';
import type ExcelJS from 'exceljs';

type Chunks = AsyncIterable<Buffer | string>;

/** exceljs takes ~25 MB once loaded: the bot loads it with the first spreadsheet, not at start. */
export async function loadExcel(): Promise<typeof ExcelJS> {
  return (await import('exceljs')).default;
}

/** The parts of exceljs's streaming reader that decode XML bytes (exceljs 4.4). */
interface ReaderInternals {
  _parseWorksheet(iterator: Chunks, sheetNo: string): Generator<unknown>;
  _parseSharedStrings(entry: Readable): AsyncGenerator<unknown>;
  _parseStyles(entry: Readable): Promise<void>;
  _parseWorkbook(entry: Readable): Promise<void>;
}

/**
 * exceljs's streaming reader decodes every inflated chunk on its own, so a Chinese character that
 * straddles two chunks becomes U+FFFD (about one name in every few thousand rows; upstream issues
 * exceljs#2063, #2084, #2316, still open in 4.4). Its parser passes strings through untouched, so
 * each XML part is handed over as text decoded across chunk boundaries instead.
 */
export async function workbookReader(input: Readable, options: Partial<ExcelJS.stream.xlsx.WorkbookStreamReaderOptions>) {
  const reader = new (await loadExcel()).stream.xlsx.WorkbookReader(input, options);
  const internals = reader as unknown as ReaderInternals;
  const parseWorksheet = internals._parseWorksheet.bind(reader);
  internals._parseWorksheet = (iterator, sheetNo) => parseWorksheet(utf8Text(iterator), sheetNo);
  for (const name of ['_parseSharedStrings', '_parseStyles', '_parseWorkbook'] as const) {
    const parse = (internals[name] as (entry: Readable) => unknown).bind(reader);
    (internals as unknown as Record<string, unknown>)[name] = (entry: Readable) => parse(entry.setEncoding('utf8'));
  }
  return reader;
}

async function* utf8Text(chunks: Chunks): AsyncGenerator<string> {
  const decoder = new TextDecoder('utf-8');
  for await (const chunk of chunks) {
    const text = typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true });
    if (text) yield text;
  }
  const tail = decoder.decode();
  if (tail) yield tail;
}
