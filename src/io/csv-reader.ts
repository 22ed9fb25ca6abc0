import type { Readable } from 'node:stream';
import { parse } from 'csv-parse';
import { checkHeader, GARBLED_REASON, garbledCell, isBlank, toValues, type Header, type TableItem } from './table-rows';

const LINE_BREAK = /\r\n|\r|\n/g;
const LEADING_BREAKS = /^(?:\r\n|\r|\n)+/;

function countBreaks(text: string): number {
  return text.match(LINE_BREAK)?.length ?? 0;
}

/** Yields rows and per-line errors of UTF-8 CSV bytes, in file order. */
export async function* iterateCsv(input: Readable, columns: readonly string[]): AsyncGenerator<TableItem> {
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
      if (garbledCell(cells) !== null) {
        yield { type: 'error', line, reason: GARBLED_REASON };
        if (!header) return;
        continue;
      }
      if (!header) {
        const problem = checkHeader(cells, columns);
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
  if (!header) yield { type: 'error', line: 1, reason: `文件为空：第一行应为表头，包含这些列：${columns.join(',')}` };
}
