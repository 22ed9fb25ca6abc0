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
  model?: { sheets?: ReadonlyArray<{ rId?: string; state?: string }> };
  sharedStrings?: unknown;
  workbookRels?: ReadonlyArray<{ Id?: string; Target?: string }>;
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
 * Only the sheet a person sees first is read — the workbook's first visible tab (workbook.xml
 * lists the tabs in order; a hidden one is skipped): the bot imports one table, and a template
 * whose tabs were moved, or that hides a lookup sheet in front, keeps its worksheet parts in
 * another order. Sheets that come before the workbook's own parts (exceljs writes workbook.xml
 * last) wait in a temporary file until the tabs are known, as exceljs kept every sheet before the
 * shared strings; once they are known, the first tab alone waits for the shared strings and the
 * other sheets are skipped unread. exceljs yielded the sheets in the zip's order: the first in the
 * zip, or a later one first when the shared strings came between the two.
 */
async function* entriesOf(reader: ReaderInternals, input: Readable): AsyncGenerator<unknown> {
  const zip = unzipper.Parse({ forceStream: true });
  input.on('error', (e) => zip.destroy(e));
  input.pipe(zip);
  let dir: string | null = null;
  let read = false;
  const setAside: { sheetNo: string; path: string }[] = [];
  let opened: Readable | null = null;
  const putAside = async (entry: Entry, sheetNo: string) => {
    dir ??= await mkdtemp(join(tmpdir(), 'pingshi-xlsx-'));
    const path = join(dir, `sheet${sheetNo}.xml`);
    await pipeline(entry, createWriteStream(path));
    setAside.push({ sheetNo, path });
  };
  try {
    for await (const entry of zip as AsyncIterable<Entry>) {
      const sheetNo = WORKSHEET.exec(entry.path)?.[1];
      if (entry.path === 'xl/_rels/workbook.xml.rels') await reader._parseRels(entry);
      else if (entry.path === 'xl/workbook.xml') await reader._parseWorkbook(entry);
      else if (entry.path === 'xl/sharedStrings.xml') yield* reader._parseSharedStrings(entry);
      else if (entry.path === 'xl/styles.xml') await reader._parseStyles(entry);
      else if (sheetNo !== undefined && !read) {
        const first = firstTab(reader);
        if (first === undefined) await putAside(entry, sheetNo);
        // The first tab, or where the workbook names none, the first sheet in the zip.
        else if (first === null ? setAside.length === 0 : first === sheetNo) {
          read = true;
          if (reader.sharedStrings) yield* reader._parseWorksheet(entry, sheetNo);
          else await putAside(entry, sheetNo);
        }
      }
      entry.autodrain();
    }
    const first = firstTab(reader);
    const sheet = typeof first === 'string' ? setAside.find((s) => s.sheetNo === first) : setAside[0];
    // "工作表为空" would send the person looking for a header in a sheet that is not in the file.
    if (!read && !sheet && typeof first === 'string') throw new Error(`文件缺少第一个工作表（xl/worksheets/sheet${first}.xml），可能不完整或已损坏，请用 Excel 打开后另存一份再导入`);
    if (sheet) {
      opened = createReadStream(sheet.path);
      yield* reader._parseWorksheet(opened, sheet.sheetNo);
    }
  } finally {
    input.unpipe(zip);
    zip.destroy();
    opened?.destroy();
    if (dir) await rm(dir, { recursive: true, force: true });
  }
}

const TAB_TARGET = /(?:^|\/)worksheets\/sheet(\d+)\.xml$/;

/**
 * The worksheet number of the workbook's first visible tab that is a worksheet (a chart sheet is
 * not; the first worksheet tab if all are hidden); undefined until the workbook and its
 * relationships are read, null when they name no worksheet.
 */
function firstTab(reader: ReaderInternals): string | null | undefined {
  if (reader.model === undefined || reader.workbookRels === undefined) return undefined;
  const tabs = reader.model.sheets ?? [];
  for (const tab of [...tabs.filter((t) => (t.state ?? 'visible') === 'visible'), ...tabs]) {
    const target = reader.workbookRels.find((r) => r.Id === tab.rId)?.Target;
    const sheetNo = target && TAB_TARGET.exec(target)?.[1];
    if (sheetNo) return sheetNo;
  }
  return null;
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
