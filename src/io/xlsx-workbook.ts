import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { TextDecoder } from 'node:util';
import type ExcelJS from 'exceljs';
import unzipper, { type Entry } from 'unzipper';

type Chunks = AsyncIterable<Buffer | string>;

/** exceljs takes ~25 MB once loaded: the bot loads it with the first spreadsheet, not at start. */
export async function loadExcel(): Promise<typeof ExcelJS> {
  return (await import('exceljs')).default;
}

/** The parts of exceljs's streaming reader used here (exceljs 4.4). */
interface ReaderInternals {
  parse(): AsyncGenerator<unknown>;
  _parseRels(entry: Readable): Promise<void>;
  _parseWorksheet(iterator: Chunks, sheetNo: string): Generator<unknown>;
  _parseSharedStrings(entry: Readable): AsyncGenerator<unknown>;
  _parseStyles(entry: Readable): Promise<void>;
  _parseWorkbook(entry: Readable): Promise<void>;
  model?: unknown;
  sharedStrings?: unknown;
  workbookRels?: unknown;
}

/**
 * exceljs's streaming reader, with two of its parts replaced.
 *
 * It decodes every inflated chunk on its own, so a Chinese character that straddles two chunks
 * becomes U+FFFD (about one name in every few thousand rows; upstream issues exceljs#2063, #2084,
 * #2316, still open in 4.4). Its parser passes strings through untouched, so each XML part is handed
 * over as text decoded across chunk boundaries instead.
 *
 * Its loop over the zip's entries is replaced by `entriesOf` (see there).
 */
export async function workbookReader(input: Readable, options: Partial<ExcelJS.stream.xlsx.WorkbookStreamReaderOptions>) {
  const reader = new (await loadExcel()).stream.xlsx.WorkbookReader(input, options);
  const internals = reader as unknown as ReaderInternals;
  const parseWorksheet = internals._parseWorksheet.bind(reader);
  internals._parseWorksheet = (iterator, sheetNo) => {
    if (internals.model === undefined) throw new Error('文件缺少工作簿信息（xl/workbook.xml），可能不完整或已损坏');
    return parseWorksheet(utf8Text(iterator), sheetNo);
  };
  for (const name of ['_parseSharedStrings', '_parseStyles', '_parseWorkbook'] as const) {
    const parse = (internals[name] as (entry: Readable) => unknown).bind(reader);
    (internals as unknown as Record<string, unknown>)[name] = (entry: Readable) => parse(entry.setEncoding('utf8'));
  }
  internals.parse = () => entriesOf(internals, input);
  return reader;
}

const WORKSHEET = /^xl\/worksheets\/sheet(\d+)\.xml$/;

/**
 * The reader's events, part by part, as exceljs 4.4's own `parse` yields them (hyperlinks aside,
 * which the bot ignores). exceljs reads the zip with a helper that stops at the parser's first
 * 'end'; unzipper (0.10 to 0.12) emits one as soon as the whole file is written in, while parts it
 * has already parsed still wait in its buffer. A small file read under load thus lost its last
 * parts — xl/workbook.xml among them — and a valid file was refused ("reading 'sheets'"). Node's
 * own iterator drains the buffer first.
 *
 * Only the first worksheet in the zip (sheet1, in the files exceljs writes) is read: the
 * bot imports one table. It waits in a temporary file when it comes before the shared strings, as
 * in exceljs; the other sheets are skipped unread. exceljs kept every one of them, and yielded a
 * later sheet first when the shared strings came between the two.
 */
async function* entriesOf(reader: ReaderInternals, input: Readable): AsyncGenerator<unknown> {
  const zip = unzipper.Parse({ forceStream: true });
  input.on('error', (e) => zip.destroy(e));
  input.pipe(zip);
  let dir: string | null = null;
  let sheetSeen = false;
  let waiting: { sheetNo: string; path: string } | null = null;
  let opened: Readable | null = null;
  try {
    for await (const entry of zip as AsyncIterable<Entry>) {
      const sheetNo = WORKSHEET.exec(entry.path)?.[1];
      if (entry.path === 'xl/_rels/workbook.xml.rels') await reader._parseRels(entry);
      else if (entry.path === 'xl/workbook.xml') await reader._parseWorkbook(entry);
      else if (entry.path === 'xl/sharedStrings.xml') yield* reader._parseSharedStrings(entry);
      else if (entry.path === 'xl/styles.xml') await reader._parseStyles(entry);
      else if (sheetNo !== undefined && !sheetSeen) {
        sheetSeen = true;
        if (reader.sharedStrings && reader.workbookRels) yield* reader._parseWorksheet(entry, sheetNo);
        else {
          dir = await mkdtemp(join(tmpdir(), 'pingshi-xlsx-'));
          waiting = { sheetNo, path: join(dir, `sheet${sheetNo}.xml`) };
          await pipeline(entry, createWriteStream(waiting.path));
        }
      }
      entry.autodrain();
    }
    if (waiting) {
      opened = createReadStream(waiting.path);
      yield* reader._parseWorksheet(opened, waiting.sheetNo);
    }
  } finally {
    input.unpipe(zip);
    zip.destroy();
    opened?.destroy();
    if (dir) await rm(dir, { recursive: true, force: true });
  }
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
