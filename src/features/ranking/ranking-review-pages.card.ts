import type { CardJson } from '../../core/ports';
import type { ReviewView, RowView } from '../../core/ranking/views';
import { card, md, note } from '../../../cards/components';
import { rankingChart } from './ranking-chart';
import { pagedCards, rankingTable } from './ranking-pages';

/** One page of the review's full table, with the reasons, and the bar chart of the same units. */
export function rankingReviewPageCard(v: ReviewView, rows: readonly RowView[], page: number, pages: number): CardJson {
  const title = `排名明细 · ${v.title}`;
  if (rows.length === 0) return card({ title, template: 'grey', elements: [md('（此页已无内容，最新明细见前面各页。）')] });
  const chart = rankingChart(rows);
  return card({
    title,
    subtitle: `第 ${page + 1}/${pages} 页 · 第 ${rows[0]!.rank.replace('（并列）', '')} 名起`,
    template: 'wathet',
    elements: [rankingTable(rows, { training: v.training, reasons: true }), ...(chart ? [chart] : []), note('仅供审核，发布前不会发给各单位。')],
  });
}

/** The review's table over as many cards as Lark's limits need. */
export function rankingReviewPages(v: ReviewView): CardJson[] {
  return pagedCards(v.rows, (slice, page, pages) => rankingReviewPageCard(v, slice, page, pages));
}
