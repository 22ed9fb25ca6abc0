import type { CardJson } from '../../core/ports';
import { fieldName, type PeerDoneView, type PeerFormView } from '../../core/peers/views';
import { card, escapeMd, form, hr, md, note, select, type Element } from '../../../cards/components';
import { peerSubmit } from './peers-actions';

/** 民主测评: one select per colleague and item; a page already cast shows no form. */
export function peerFormCard(v: PeerFormView): CardJson {
  const pageText = v.pages > 1 ? `（第 ${v.page}/${v.pages} 页）` : '';
  const rows: Element[] = v.ratees.flatMap((r) => [
    md(`**${escapeMd(r.name)}** · ${escapeMd(r.unitName)}`),
    ...v.items.map((item, j) => select({ name: fieldName(r.index, j), placeholder: v.items.length > 1 ? `${item}：请选择` : '请选择评价', options: v.options })),
  ]);
  return card({
    title: `民主测评 · ${v.quarterLabel}${pageText}`,
    template: 'turquoise',
    summary: `请对同事${v.quarterLabel}的表现进行民主测评`,
    elements: [
      md(
        `**${escapeMd(v.raterName)}**，请对以下同事${v.quarterLabel}的表现作出评价${v.items.length > 1 ? `（测评项目：${v.items.map(escapeMd).join('、')}）` : ''}。请于 **${v.deadlineLabel}** 前提交。`,
      ),
      note(
        `测评不记名：提交后只累计每位同事的得票与分值，不保存谁给了谁什么评价；答卷不足 ${v.minAnswers} 份的，不显示、不计入任何结果。每页只能提交一次；不了解的同事可不评。`,
      ),
      hr(),
      ...(v.submitted
        ? [md('本页测评已提交，感谢参与。')]
        : [form('peer_rating', [...rows, peerSubmit.submit('提交测评', 'submit', { q: v.quarterKey, p: v.page, r: v.roster })])]),
    ],
  });
}

/** After 提交测评: only counts, never the scores given. */
export function peerDoneCard(v: PeerDoneView): CardJson {
  return card({
    title: `民主测评 · ${v.quarterLabel}`,
    template: 'green',
    elements: [
      md(v.counted > 0 ? `已提交对 ${v.counted} 位同事的测评，感谢参与。` : '本页测评已提交，无需重复提交。'),
      ...(v.pagesLeft > 0 ? [md(`还有 ${v.pagesLeft} 页尚未提交，可在其他测评卡片中继续，或发送“民主测评”获取。`)] : []),
      note('测评不记名：系统只保存累计结果，不保存您给出的具体评价。'),
    ],
  });
}
