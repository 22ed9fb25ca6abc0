import { formatScore, round2 } from '../numbers';
import type { IndicatorDef } from './ranking-doc';

/** 0.875 → "87.5%", 88.5 → "88.5", missing → "缺数据". */
export function formatIndicatorValue(def: Pick<IndicatorDef, 'format'>, value: number | null): string {
  if (value === null) return '缺数据';
  if (def.format === 'rate') return `${formatScore(round2(value * 100))}%`;
  return formatScore(value);
}
