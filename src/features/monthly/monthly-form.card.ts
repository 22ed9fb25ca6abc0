import { TIERS, UNDETERMINED } from '../../core/rules/terms';
import { formatMonthLabel, formatPeriodLabel, formatWeekLabel, shanghaiDate, shanghaiTime } from '../../core/calendar/periods';
import { FOLLOW_SUGGESTION, GRADE_FORM_LIMITS, gradeToFormText, type GradeFormText } from '../../core/monthly/grade-form';
import type { GradingSheet } from '../../core/monthly/grading-sheet';
import { excerpt } from '../../core/summary/self-summary';
import { formatScore } from '../../core/numbers';
import type { CardJson } from '../../core/ports';
import { WEEK_STATUS_LABELS, type WeekStatus } from '../../core/weekly/weekly-status';
import { card, escapeMd, form, hr, input, md, note, select, type Element } from '../../../cards/components';
import { monthlySubmit } from './monthly-actions';

/**
 * The supervisor's grading form for one person and month. With `prefill` (a rejected or repeated
 * edit, or 重新评定) the inputs start from those values; otherwise from what is stored.
 */
export function monthlyGradingCard(sheet: GradingSheet, prefill?: GradeFormText): CardJson {
  const r = sheet.review;
  const graded = r.status !== 'pending';
  const values = prefill ?? (graded ? gradeToFormText(r) : undefined);
  const s = sheet.scoring;
  const options = [
    { label: '按分数段建议', value: FOLLOW_SUGGESTION },
    ...TIERS.map((t) => ({ label: t, value: t })),
    ...(sheet.allowUndetermined ? [{ label: UNDETERMINED, value: UNDETERMINED }] : []),
  ];
  return card({
    title: `${graded ? '重新评定' : '月度考核评鉴'} · ${sheet.name}`,
    subtitle: `${sheet.unitName} · ${sheet.level} · ${formatMonthLabel(r.monthKey)}`,
    template: graded ? 'orange' : 'blue',
    summary: `请评鉴${sheet.name}${formatMonthLabel(r.monthKey)}的平时考核`,
    elements: [
      md(`**被考核人**：${escapeMd(sheet.name)}（${escapeMd(sheet.unitName)}，${escapeMd(sheet.level)}）\n**考核月份**：${formatMonthLabel(r.monthKey)}`),
      ...weeksSection(sheet),
      ...serviceSection(sheet),
      ...summarySection(sheet),
      ...(graded ? [md(`**当前结果**：${currentResultLine(sheet)}`)] : []),
      hr(),
      note(
        `总分 = 工作实绩 × ${pct(s.weights.work)} + 工作作风 × ${pct(s.weights.conduct)} + 加分（合计不超过 ${s.bonus_cap} 分）− 扣分（合计不超过 ${s.deduction_cap} 分）。` +
          `建议等次按总分：好 ≥ ${s.bands.好}，较好 ≥ ${s.bands.较好}，一般 ≥ ${s.bands.一般}，其余为较差；提交后自动计算。`,
      ),
      form('monthly_grade', [
        input({ name: 'work', label: `工作实绩（0–${s.scale} 分）`, placeholder: '例如 92', value: values?.work ?? '', maxLength: 6 }),
        input({ name: 'conduct', label: `工作作风（0–${s.scale} 分）`, placeholder: '例如 90', value: values?.conduct ?? '', maxLength: 6 }),
        input({ name: 'bonuses', label: '加分项（每行一条：分值 理由）', placeholder: '例如：2 获市级表彰', value: values?.bonuses ?? '', multiline: true }),
        input({ name: 'deductions', label: '扣分项（每行一条：分值 理由）', placeholder: '例如：1 信息报送迟报一次', value: values?.deductions ?? '', multiline: true }),
        select({ name: 'tier', placeholder: '评定等次（默认按分数段建议）', options, initial: values?.tier || FOLLOW_SUGGESTION }),
        input({
          name: 'override_reason',
          label: '改变建议等次的理由（所选等次与建议不同或评为不定等次时必填）',
          placeholder: '例如：试用期未满 / 本月病假两周',
          value: values?.overrideReason ?? '',
          maxLength: GRADE_FORM_LIMITS.reason,
        }),
        input({ name: 'comment', label: '评语', placeholder: '对本月工作的评价与建议', value: values?.comment ?? '', multiline: true, maxLength: GRADE_FORM_LIMITS.comment }),
        monthlySubmit.submit(graded ? '提交重新评定' : '提交评鉴', 'submit', { id: r.id, rev: r.revision }),
      ]),
      note('评鉴结果仅被考核人本人、其主管领导和本单位考核管理员可见。季度审定锁定前可重新评定，每次修改均留痕。'),
    ],
  });
}

/** 本月周记: the month's weeks with their status and any 加分事项申报, for the grader to weigh. */
export function weeksSection(sheet: GradingSheet): Element[] {
  if (sheet.weeks.length === 0) return [md('**本月周记**：本月没有需要填写周记的周。')];
  const counts = new Map<WeekStatus, number>();
  for (const w of sheet.weeks) counts.set(w.status, (counts.get(w.status) ?? 0) + 1);
  const tally = [...counts.entries()].map(([st, n]) => `${WEEK_STATUS_LABELS[st]} ${n} 周`).join('，');
  const lines = sheet.weeks.map((w) => {
    const when = w.submittedAt ? `（${formatInstant(w.submittedAt)} 提交）` : '';
    const claim = w.bonusClaim?.trim() ? `\n  申报加分：${escapeMd(w.bonusClaim.trim())}` : '';
    return `- ${formatWeekLabel(w.weekKey)}：${WEEK_STATUS_LABELS[w.status]}${when}${claim}`;
  });
  return [md(`**本月周记**：${tally}\n${lines.join('\n')}`)];
}

/**
 * 服务对象评价 (好差评) imported for the month or its quarter: evidence for the grader, with what the
 * rules do with it — never applied to the month silently.
 */
export function serviceSection(sheet: GradingSheet): Element[] {
  if (!sheet.service || sheet.service.length === 0 || !sheet.serviceRule) return [];
  const lines = sheet.service.map(({ periodKey, evidence: e }) => {
    const score = e.score === null ? '' : `，评价得分 ${formatScore(e.score)} 分`;
    return `- ${formatPeriodLabel(periodKey)}：好评 ${e.good} 条，差评 ${e.bad} 条${score}`;
  });
  const r = sheet.serviceRule;
  const s = sheet.scoring;
  const how =
    r.adjust === 'none'
      ? '仅供评鉴参考，不自动计入得分；如需加减分，请在加分项、扣分项中填写。'
      : r.adjust === 'counts'
        ? `按规则计入季度得分：每条好评加 ${formatScore(r.good_points)} 分（不超过 ${s.bonus_cap} 分），每条差评扣 ${formatScore(r.bad_points)} 分（不超过 ${s.deduction_cap} 分），在季度得分构成中列明。`
        : `按规则计入季度得分：评价得分高于 ${formatScore(r.score_baseline)} 分的每分加 ${formatScore(r.score_points)} 分、低于的每分扣 ${formatScore(r.score_points)} 分（加分不超过 ${s.bonus_cap} 分，扣分不超过 ${s.deduction_cap} 分），在季度得分构成中列明。`;
  return [md(`**服务对象评价（好差评）**\n${lines.join('\n')}`), note(how)];
}

/** 个人小结 as the person submitted it (an excerpt; `小结 姓名` shows all of it). */
export function summarySection(sheet: GradingSheet): Element[] {
  const s = sheet.selfSummary;
  if (!s) return [];
  if (!s.text) return [md(`**个人小结**（${s.periodLabel}）：尚未提交（本人提交后，发送“评鉴”重新打开本卡片即可看到）`)];
  const cut = s.chars > SUMMARY_EXCERPT_CHARS ? `\n（共 ${s.chars} 字，发送“小结 ${escapeMd(sheet.name)}”查看全文）` : '';
  return [md(`**个人小结**（${s.periodLabel}，${s.submittedAtLabel} 提交）：\n${escapeMd(excerpt(s.text, SUMMARY_EXCERPT_CHARS))}${cut}`)];
}

const SUMMARY_EXCERPT_CHARS = 300;

export function currentResultLine(sheet: GradingSheet): string {
  const r = sheet.review;
  const score = r.total === null ? '未评分' : `${formatScore(r.total)} 分`;
  const by = sheet.reviewerName ? `，评鉴人 ${escapeMd(sheet.reviewerName)}` : '';
  return `${score}，${r.tier ?? '未评定'}（第 ${r.revision} 次评定${by}）`;
}

export function formatInstant(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const [, m, day] = shanghaiDate(d).split('-');
  return `${Number(m)}月${Number(day)}日 ${shanghaiTime(d)}`;
}

const pct = (x: number) => `${Math.round(x * 100)}%`;
