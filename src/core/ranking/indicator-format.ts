import { formatScore, round2 } from '../numbers';
import type { IndicatorDef, IndicatorResult } from './ranking-doc';

/** 0.875 → "87.5%", 88.5 → "88.5", missing → "缺数据". */
export function formatIndicatorValue(def: Pick<IndicatorDef, 'format'>, value: number | null): string {
  if (value === null) return '缺数据';
  if (def.format === 'rate') return `${formatScore(round2(value * 100))}%`;
  return formatScore(value);
}

/** The value with what it came from: "87.5%（42/48 份）". */
export function describeResult(def: IndicatorDef, r: IndicatorResult | undefined): string {
  const text = formatIndicatorValue(def, r?.value ?? null);
  return r?.detail && r.value !== null ? `${text}（${r.detail}）` : text;
}
