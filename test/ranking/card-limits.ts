import type { Card } from '../helpers/cards';

/**
 * Lark's limits on a Card JSON 2.0 message (CONTRACT.md, reference/feishu-conformance.md): at most
 * 200 elements — every tagged node counts, plain_text included, header too — at most 30 KB, at most
 * five tables with page_size 1–10, and at most five charts. Our own count until the strict sandbox
 * validator checks every send.
 */
export function cardLimitProblems(card: Card): string[] {
  const problems: string[] = [];
  let elements = 0;
  let tables = 0;
  let charts = 0;
  const walk = (v: unknown): void => {
    if (!v || typeof v !== 'object') return;
    if (Array.isArray(v)) return v.forEach(walk);
    const o = v as Record<string, unknown>;
    if (typeof o.tag === 'string') elements++;
    if (o.tag === 'table') {
      tables++;
      const size = o.page_size as number;
      if (!Number.isInteger(size) || size < 1 || size > 10) problems.push(`table page_size ${String(size)}`);
    }
    if (o.tag === 'chart') charts++;
    Object.values(o).forEach(walk);
  };
  walk(card);
  const bytes = Buffer.byteLength(JSON.stringify(card), 'utf8');
  if (elements > 200) problems.push(`${elements} elements`);
  if (bytes > 30 * 1024) problems.push(`${bytes} bytes`);
  if (tables > 5) problems.push(`${tables} tables`);
  if (charts > 5) problems.push(`${charts} charts`);
  if (card.schema !== '2.0') problems.push('schema is not 2.0');
  return problems;
}
