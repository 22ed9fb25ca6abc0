/** Header and row checks shared by the CSV and XLSX readers. */

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

export interface Header {
  names: string[];
}

/** Checks the header; returns the error to report when it cannot be used. */
export function checkHeader(names: string[], required: readonly string[]): string | null {
  const seen = new Set<string>();
  const duplicated = names.filter((n) => n !== '' && (seen.has(n) || !seen.add(n)));
  if (duplicated.length > 0) return `表头列名重复：${[...new Set(duplicated)].join('、')}。`;
  const missing = required.filter((c) => !seen.has(c));
  if (missing.length > 0) {
    return `表头缺少列：${missing.join('、')}。第一行应为表头，包含这些列：${required.join(',')}`;
  }
  return null;
}

export function toValues(header: Header, cells: readonly string[]): Record<string, string> {
  const values: Record<string, string> = {};
  header.names.forEach((name, i) => {
    if (name !== '') values[name] = cells[i] ?? '';
  });
  return values;
}

export const isBlank = (cells: readonly string[]) => cells.every((c) => c === '');

/**
 * U+FFFD is what a lossy decoder left behind (often a file converted badly before it reached us):
 * the original text is gone, so the row is refused rather than stored garbled.
 */
export function garbledCell(cells: readonly string[]): string | null {
  return cells.find((c) => c.includes('\uFFFD')) ?? null;
}

export const GARBLED_REASON =
  '本行含有乱码字符“\uFFFD”，原文已丢失；请找到原始文件，另存为 UTF-8 编码后重新导入。';
