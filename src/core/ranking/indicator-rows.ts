import { parsePeriodKey } from '../calendar/periods';
import type { Rules } from '../rules/rules';
import { formatScore } from '../numbers';
import type { IndicatorValue } from './indicator-values.repository';

/** `import indicators` columns (CONTRACT.md). */
export const INDICATOR_IMPORT_COLUMNS = ['unit_id', 'period', 'indicator', 'value'] as const;

const PERIOD_NAMES = { month: '月', quarter: '季度', half: '半年' } as const;

export interface IndicatorRowContext {
  /** Unit ids the organisation knows, and the ones that are ranked (the rest are refused with why). */
  knownUnit(unitId: string): boolean;
  isRanked(unitId: string): boolean;
  rankedNoun: string;
}

export interface CheckedIndicatorRows {
  values: IndicatorValue[];
  problems: Array<{ line: number; reason: string }>;
}

/**
 * Checks every row of an indicator file: a known ranked unit, a period of a kind the rules rank, an
 * indicator the rules name (the message lists the accepted names), a number within 0 and the
 * indicator's full mark. A unit, period and indicator given twice is refused on its second line.
 */
export function checkIndicatorRows(
  rows: ReadonlyArray<{ line: number; values: Record<string, string> }>,
  rating: Rules['unit_rating'],
  ctx: IndicatorRowContext,
): CheckedIndicatorRows {
  const accepted = rating.imported.map((i) => i.name);
  const seen = new Map<string, number>();
  const out: CheckedIndicatorRows = { values: [], problems: [] };
  for (const { line, values } of rows) {
    const cell = (c: string) => (values[c] ?? '').normalize('NFKC').trim();
    const reasons: string[] = [];
    const unitId = cell('unit_id');
    if (unitId === '') reasons.push('缺少单位编号 unit_id');
    else if (!ctx.knownUnit(unitId)) reasons.push(`单位编号不在组织名单中：${unitId}`);
    else if (!ctx.isRanked(unitId)) reasons.push(`单位 ${unitId} 不参加排名（按规则参加排名的是${ctx.rankedNoun}）`);

    let periodKey = '';
    try {
      const p = parsePeriodKey(cell('period'));
      if (p.kind === 'month' || p.kind === 'quarter' || p.kind === 'half') {
        periodKey = p.key;
        if (!rating.periods.includes(p.kind)) reasons.push(`规则未设置按${PERIOD_NAMES[p.kind]}排名（unit_rating.periods），${p.key} 的指标无处使用`);
      } else reasons.push(`期间应为月、季度或半年，例如 2026-11、2026-Q4、2026-H2（实为“${cell('period')}”）`);
    } catch {
      reasons.push(`期间格式不正确：“${cell('period')}”，应为 2026-11、2026-Q4 或 2026-H2`);
    }

    const name = cell('indicator');
    const rule = rating.imported.find((i) => i.name === name);
    if (!rule) {
      reasons.push(
        accepted.length > 0
          ? `指标“${name}”不在规则中，可导入的指标：${accepted.join('、')}`
          : '规则文件尚未设置可导入的指标（unit_rating.imported），请先在规则中列出指标名称和权重',
      );
    }

    const text = cell('value');
    const value = /^[+-]?(\d+(\.\d*)?|\.\d+)$/.test(text) ? Number(text) : NaN;
    if (!Number.isFinite(value)) reasons.push(`指标值应为数字（实为“${text}”）`);
    else if (value < 0) reasons.push(`指标值不能为负数（${text}）`);
    else if (rule && !rule.veto && value > rule.max) reasons.push(`指标值 ${text} 超过该指标满分 ${formatScore(rule.max)}`);

    const key = `${unitId}|${periodKey}|${name}`;
    if (reasons.length === 0 && seen.has(key)) reasons.push(`与第 ${seen.get(key)} 行重复（同一单位、期间和指标）`);
    if (reasons.length > 0) {
      out.problems.push({ line, reason: reasons.join('；') });
      continue;
    }
    seen.set(key, line);
    out.values.push({ unitId, periodKey, indicator: name, value });
  }
  return out;
}
