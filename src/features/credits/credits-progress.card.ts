import type { PersonCredits } from '../../core/credits/credits-views';
import { whatIsStillNeeded } from '../../core/credits/checkpoint';
import type { CardJson } from '../../core/ports';
import { card, columns, escapeMd, hr, md, note, progressBar } from '../../../cards/components';
import { h, recordLine, recordStatus, requirementLines, SOURCE_LABELS } from './credits-format';

export interface CreditsProgressOptions {
  /** True when the card shows the viewer's own figures (the wording addresses them). */
  own: boolean;
}

/** One person's 学时 of the year: each requirement on its own, the splits, what is missing, the latest records. */
export function creditsProgressCard(v: PersonCredits, opts: CreditsProgressOptions): CardJson {
  const p = v.progress;
  const done = p.requirements.reduce((n, r) => n + Math.min(r.counted, r.hours), 0);
  const share = p.target > 0 ? done / p.target : 1;
  const who = opts.own ? '我的' : `${escapeMd(v.person.name)}（${escapeMd(v.unitName)}）的`;
  const elements = [
    md(`**${p.year} 年学时要求（各项分别达标）**\n${requirementLines(p.requirements)}\n${progressBar(share)}`),
    columns([[md(`**网络学时**\n${h(p.onlineHours)}`)], [md(`**线下等其他**\n${h(p.offlineHours)}`)]]),
    columns([[md(`**必修**\n${h(p.requiredHours)}`)], [md(`**选修**\n${h(p.electiveHours)}`)]]),
  ];
  const adjustments: string[] = [];
  if (p.cappedHours > 0) adjustments.push(`共记录 ${h(p.totalHours)}，其中 ${h(p.cappedHours)}超出计入上限未计`);
  if (p.carryInHours > 0) adjustments.push(`上年结转 ${h(p.carryInHours)}`);
  if (p.pendingHours > 0) adjustments.push(`待审核 ${h(p.pendingHours)}（审核通过后计入）`);
  if (p.failedExamHours > 0) adjustments.push(`${h(p.failedExamHours)}因结业考试未通过未计入`);
  if (adjustments.length > 0) elements.push(note(adjustments.join('；')));
  elements.push(md(p.met ? `✅ ${whatIsStillNeeded(p)}` : `**尚未达标**：${whatIsStillNeeded(p)}`));
  elements.push(hr());
  if (v.recent.length === 0) {
    elements.push(md('本年度暂无培训记录。'));
  } else {
    const lines = v.recent.map((r) => {
      const why = r.status === 'rejected' && r.decisionNote ? `，理由：${escapeMd(r.decisionNote)}` : '';
      return `- ${recordLine(r)} · ${SOURCE_LABELS[r.source]} · ${recordStatus(r)}${why}`;
    });
    const more = v.recordCount > v.recent.length ? `\n共 ${v.recordCount} 条，以上为最近 ${v.recent.length} 条。` : '';
    elements.push(md(`**最近记录**\n${lines.join('\n')}${more}`));
  }
  elements.push(note(opts.own ? '线下培训可发送“学时申报”补录，经考核管理员审核后计入。学时信息仅本人、主管领导和考核管理员可见。' : '学时信息仅本人、主管领导和考核管理员可见，请勿转发。'));
  return card({
    title: `${who}学时 · ${p.year} 年`,
    template: p.met ? 'green' : 'blue',
    elements,
  });
}
