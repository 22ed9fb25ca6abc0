import type { Readable } from 'node:stream';
import type ExcelJS from 'exceljs';
import { workbookReader } from './xlsx-workbook';
import { checkHeader, GARBLED_REASON, garbledCell, isBlank, toValues, type Header, type TableItem } from './table-rows';

/** Yields rows and per-row errors of the first worksheet. The caller has bounded the file's expansion. */
export async function* iterateXlsx(input: Readable, columns: readonly string[]): AsyncGenerator<TableItem> {
  // styles: 'cache' lets the reader turn date-formatted numbers into Dates.
  const workbook = await workbookReader(input, {
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
        if (garbledCell(cells) !== null) {
          yield { type: 'error', line: row.number, reason: GARBLED_REASON };
          if (!header) return;
          continue;
        }
        if (!header) {
          const problem = checkHeader(cells, columns);
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
  if (!header) yield { type: 'error', line: 1, reason: `工作表为空：第一行应为表头，包含这些列：${columns.join(',')}` };
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
