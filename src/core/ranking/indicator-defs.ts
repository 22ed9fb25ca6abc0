import type { Rules } from '../rules/rules';
import { AUTOMATIC_INDICATORS, type AutomaticIndicator } from '../rules/unit-rating';
import type { IndicatorDef } from './ranking-doc';

const AUTOMATIC: Record<AutomaticIndicator, Pick<IndicatorDef, 'label' | 'format' | 'lowerIsBetter'>> = {
  weekly_completion: { label: '周记完成率', format: 'rate', lowerIsBetter: false },
  weekly_on_time: { label: '周记按时率', format: 'rate', lowerIsBetter: false },
  avg_monthly_score: { label: '月度考核平均分', format: 'score', lowerIsBetter: false },
  low_tier_share: { label: '“一般”“较差”占比', format: 'rate', lowerIsBetter: true },
  training: { label: '学时达标率', format: 'rate', lowerIsBetter: false },
};

/** The indicators of a rating, automatic ones first, with their weights from the rules. */
export function indicatorDefs(rating: Rules['unit_rating']): IndicatorDef[] {
  const auto = AUTOMATIC_INDICATORS.map((name): IndicatorDef => ({
    name,
    ...AUTOMATIC[name],
    weight: rating.weights[name],
    source: 'auto',
    veto: false,
    max: name === 'avg_monthly_score' ? 100 : 1,
  }));
  const imported = rating.imported.map((i): IndicatorDef => ({
    name: i.name,
    label: i.name,
    weight: i.veto ? 0 : i.weight,
    source: 'import',
    veto: i.veto,
    format: 'value',
    lowerIsBetter: i.lower_is_better,
    max: i.max,
  }));
  return [...auto, ...imported];
}

/** The single indicator of the 学时 bulletin. */
export const TRAINING_BULLETIN_INDICATOR: IndicatorDef = {
  name: 'training',
  label: '学时达标率',
  weight: 1,
  source: 'auto',
  veto: false,
  format: 'rate',
  lowerIsBetter: false,
  max: 1,
};
