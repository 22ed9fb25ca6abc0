import type { CardJson } from '../../core/ports';
import type { RowView } from '../../core/ranking/views';
import { escapeMd, table, type Element } from '../../../cards/components';

/** Lark refuses cards over 30 KB; pages are packed to stay well below (the header and notes vary). */
const PAGE_BYTES = 26 * 1024;
const PAGE_ROWS = 50;

export const cardBytes = (card: CardJson): number => Buffer.byteLength(JSON.stringify(card), 'utf8');

/**
 * Splits a long table over as many cards as the limits need (never truncating): at most 50 rows a
 * card, fewer when long names or reasons would take a card past the size budget. `build` makes one
 * page; it is called again with the real page count once the split is known.
 */
export function pagedCards(rows: readonly RowView[], build: (slice: readonly RowView[], page: number, pages: number) => CardJson): CardJson[] {
  if (rows.length === 0) return [build([], 0, 1)];
  const slices: RowView[][] = [];
  for (let start = 0; start < rows.length; ) {
    let n = Math.min(PAGE_ROWS, rows.length - start);
    while (n > 1 && cardBytes(build(rows.slice(start, start + n), slices.length, 99)) > PAGE_BYTES) n = Math.max(1, Math.floor(n * 0.8));
    slices.push(rows.slice(start, start + n));
    start += n;
  }
  return slices.map((slice, i) => build(slice, i, slices.length));
}

/** The ranking table; the highlighted unit's row is marked, reasons only where the reader needs them. */
export function rankingTable(rows: readonly RowView[], opts: { training: boolean; reasons?: boolean; highlight?: string | null }): Element {
  const columns = [
    { name: 'rank', label: '名次' },
    { name: 'unit', label: '单位' },
    { name: 'score', label: opts.training ? '达标率' : '综合得分' },
    opts.training ? { name: 'detail', label: '达标人数' } : { name: 'class', label: '类别' },
    ...(opts.reasons ? [{ name: 'reason', label: '依据' }] : []),
    ...(opts.reasons && !opts.training ? [{ name: 'indicators', label: '各项指标' }] : []),
  ];
  return table(
    columns,
    rows.map((r) => ({
      rank: r.rank,
      unit: r.unitId === opts.highlight ? `▶ ${r.unitName}（本单位）` : r.unitName,
      score: r.score,
      ...(opts.training ? { detail: r.detail } : { class: r.adjusted ? `${r.className}（调整）` : r.className }),
      ...(opts.reasons ? { reason: r.reason } : {}),
      ...(opts.reasons && !opts.training ? { indicators: r.indicators } : {}),
    })),
  );
}

/** "- **某局**：工作提示单位。理由", at most `limit` lines; the rest counted. */
export function highlightLines(rows: readonly RowView[], limit = 30): string {
  const lines = rows.slice(0, limit).map((r) => `- **${escapeMd(r.unitName)}**：${r.className}。${escapeMd(r.reason)}`);
  if (rows.length > limit) lines.push(`- 另有 ${rows.length - limit} 个单位，见排名表“类别”列`);
  return lines.join('\n');
}
