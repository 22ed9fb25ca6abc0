import type { CardJson } from '../../core/ports';
import type { UnitAnnouncementView } from '../../core/ranking/views';
import { card, escapeMd, md, note, type HeaderColour } from '../../../cards/components';
import { rankingChart } from './ranking-chart';
import { rankingTable } from './ranking-pages';

const COLOURS: Record<string, HeaderColour> = { 先进单位: 'green', 一般: 'blue', 工作提示单位: 'yellow', 通报批评单位: 'orange', 警示单位: 'red' };

/**
 * A ranked unit's announcement (its group chat; /排名 shows the same card): its position and why, the
 * indicators that pulled it down, the top of the table with its own row marked, and the bar chart.
 * Unit-level only; people are named only under 通报表扬 where the rules enable it.
 */
export function unitAnnouncementCard(v: UnitAnnouncementView): CardJson {
  const own = v.own;
  const elements = [];
  if (v.correction) elements.push(md(`⚠️ **${v.correction}**`));
  if (own) {
    const position = own.rank === '—' ? '本期未参加排名' : `第 **${own.rank}** 名（共 ${v.rankedCount} 个单位参加排名）`;
    const figure = v.training ? `学时达标率 **${own.score}**（${own.detail}）` : `综合得分 **${own.score}**，类别：**${own.className}**`;
    elements.push(md(`**${escapeMd(own.unitName)}**：${position}，${figure}\n${v.training ? '' : `依据：${escapeMd(own.reason)}`}`.trim()));
    if (own.change) elements.push(md(`**更正内容**：${own.change}`));
    if (own.indicators) {
      const missing = own.indicators.includes('缺数据') ? '缺数据的指标不计入综合得分，由其余指标按权重折算。' : '';
      elements.push(note(`本单位各项指标：${escapeMd(own.indicators)}。${missing}`));
    }
    if (own.pulledDown.length > 0) {
      const lines = own.pulledDown.map((p) => `- ${escapeMd(p.label)} ${p.value}（各单位平均 ${p.mean}），约拉低综合得分 ${p.loss} 分`);
      elements.push(md(`**拉低得分的指标**\n${lines.join('\n')}`));
    } else if (!v.training && own.rank !== '—') {
      elements.push(note('本单位各项指标均不低于各单位平均水平。'));
    }
  } else {
    elements.push(md(`本期共 ${v.unitCount} 个单位，${v.rankedCount} 个参加排名，平均${v.training ? '达标率' : '分'} ${v.meanText}。`));
  }
  elements.push(rankingTable(v.rows, { training: v.training, highlight: own?.unitId ?? null }));
  const chart = rankingChart(v.rows, own?.unitId ?? null);
  if (chart) elements.push(chart);
  if (v.praise) elements.push(md(`**通报表扬**（本期“好”等次）：${v.praise.map(escapeMd).join('、')}`));
  const ownBelowTop = v.rows.length > v.topShown;
  const shown = v.topShown < v.unitCount ? `表中为前 ${v.topShown} 名${ownBelowTop ? '及本单位' : ''}，完整排名见市级通报。` : '';
  elements.push(note(`${shown}${v.praise ? '' : '本通报只含单位层面的结果，不涉及个人等次。'}发送“排名”可随时查看最近一次公布的排名。`));
  const className = own?.className ?? '';
  return card({ title: v.title, subtitle: v.subtitle, template: v.training ? 'wathet' : (COLOURS[className] ?? 'blue'), elements });
}
