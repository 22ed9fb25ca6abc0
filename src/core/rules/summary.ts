import { basisOf, type Basis } from './basis';
import type { Rules } from './rules';

const BASIS_LABELS: Record<Basis, string> = { national: '国家规定', 'local-common': '地方通行做法', design: '本系统默认' };

const cite = (...paths: string[]): string =>
  `（依据：${[...new Set(paths.map((p) => { const b = basisOf(p); return b ? BASIS_LABELS[b] : '本单位规则'; }))].join('、')}）`;

const pct = (share: number): string => `${Math.round(share * 1000) / 10}%`;
const ROUNDING = { floor: '向下取整', round: '四舍五入', ceil: '向上取整' } as const;

/**
 * The rules that decide tiers, in the words the help card uses, each citing where it comes from
 * (national / local-common / design): what binds a person should never be a hidden number.
 */
export function rulesSummary(rules: Rules): string[] {
  const q = rules.quarterly;
  const a = rules.annual;
  const where = q.quota_scope === 'organ' ? '本机关' : '本处室';
  const caps = Object.entries(q.month_caps).map(([month, cap]) => `有月度“${month}”的季度至多“${cap}”`);
  const lines = [
    `季度“好”等次不超过${where}参评人数的 ${pct(q.good_quota.max_share)}（${ROUNDING[q.good_quota.rounding]}），按同级同台分组（${q.pools.map((p) => p.name).join('、')}）以最大余数法分配名额；不定等次不计入参评人数${cite('quarterly.good_quota.max_share', 'quarterly.quota_scope')}`,
    ...(caps.length > 0 ? [`${caps.join('，')}${cite('quarterly.month_caps')}`] : []),
    `本季度计入考核的月份少于 ${q.min_months} 个的为不定等次${q.probation === 'undetermined' ? '；试用期内的月份不计入' : ''}${cite('quarterly.min_months', 'quarterly.probation')}`,
    `本人的等次须另一位考核管理员复核确认；异议在结果反馈后 ${q.objection_workdays} 个工作日内提出${cite('quarterly.objection_workdays')}`,
    `年度学时：${rules.training.requirements.map((r) => `${r.name} ≥ ${r.hours} 学时`).join('、')}，各项分别达标${cite('training.requirements')}`,
    `年度“优秀”：平时考核“好”${a.excellent_eligibility.min_good_quarters} 次以上且无${a.excellent_eligibility.forbid_tiers.join('、')}，学时达标，无处分影响期，病事假不超过全年工作日一半；比例不超过 ${pct(a.excellent_max_share)}${cite('annual.excellent_eligibility', 'annual.excellent_max_share')}`,
  ];
  if (a.require_training) {
    const until = a.training_makeup_until ? `，次年 ${a.training_makeup_until} 前补学完成可解除` : '';
    lines.push(`当年学时未完成：年度等次缓定、不得评先评优${until}${cite('annual.require_training', 'annual.training_makeup_until')}`);
  }
  return lines;
}
