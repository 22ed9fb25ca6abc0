import type { CardJson } from '../../core/ports';
import type { CityAnnouncementView, RowView } from '../../core/ranking/views';
import { card, md, note } from '../../../cards/components';
import { rankingChart } from './ranking-chart';
import { highlightLines, pagedCards, rankingTable } from './ranking-pages';

/**
 * One card of the city chat's announcement: the first also carries the counts per class and the units
 * outside 一般 with their reasons; every card a slice of the table and its bar chart.
 */
export function cityAnnouncementPageCard(v: CityAnnouncementView, rows: readonly RowView[], page: number, pages: number): CardJson {
  const elements = [];
  if (page === 0) {
    if (v.correction) elements.push(md(`⚠️ **${v.correction}**`));
    const counts = v.classCounts.map((c) => `${c.name} ${c.count} 个`).join('、');
    elements.push(md(v.training ? `各单位平均达标率 ${v.meanText.replace(' 分', '%')}。` : `平均分 ${v.meanText}。${counts ? `各类别：${counts}。` : ''}`));
    if (v.highlights.length > 0) elements.push(md(`**先进单位与负面类别**\n${highlightLines(v.highlights)}`));
  }
  elements.push(rankingTable(rows, { training: v.training }));
  const chart = rankingChart(rows);
  if (chart) elements.push(chart);
  if (page === 0) elements.push(note(`指标与权重：${v.indicatorsText}。`));
  return card({
    title: v.title,
    subtitle: pages > 1 ? `${v.subtitle} · 第 ${page + 1}/${pages} 页` : v.subtitle,
    template: v.correction ? 'orange' : 'blue',
    elements,
  });
}

/** The whole announcement for the city chat, over as many cards as the limits need. */
export function cityAnnouncementCards(v: CityAnnouncementView): CardJson[] {
  return pagedCards(v.rows, (slice, page, pages) => cityAnnouncementPageCard(v, slice, page, pages));
}
