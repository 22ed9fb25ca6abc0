import { round2 } from '../numbers';
import { effectiveWeights } from './composite';
import { formatIndicatorValue } from './indicator-format';
import type { RankingDoc, RankingRow } from './ranking-doc';

export interface PulledDown {
  label: string;
  /** The unit's value and the mean of the units with data, as the card writes them. */
  value: string;
  mean: string;
  /** Points of composite lost against a unit at the mean on this indicator. */
  loss: number;
}

/**
 * The indicators that pulled a unit's composite down: where it scored below the mean of the units
 * with data, weighted as they entered its composite (missing ones did not enter). Largest loss first.
 */
export function pulledDown(doc: RankingDoc, row: RankingRow, limit = 3): PulledDown[] {
  const weights = effectiveWeights(doc.indicators, row.indicators);
  const ranked = doc.rows.filter((r) => r.score !== null);
  const out: PulledDown[] = [];
  for (const def of doc.indicators) {
    const weight = weights.get(def.name);
    const mine = row.indicators[def.name];
    if (!weight || mine?.score == null || mine.value === null) continue;
    const others = ranked.map((r) => r.indicators[def.name]).filter((x) => x?.score != null && x.value !== null);
    if (others.length < 2) continue;
    const meanScore = others.reduce((s, x) => s + x!.score!, 0) / others.length;
    const meanValue = others.reduce((s, x) => s + x!.value!, 0) / others.length;
    const loss = round2(weight * (meanScore - mine.score));
    if (loss <= 0) continue;
    out.push({ label: def.label, value: formatIndicatorValue(def, mine.value), mean: formatIndicatorValue(def, round2(meanValue * 10000) / 10000), loss });
  }
  return out.sort((a, b) => b.loss - a.loss).slice(0, limit);
}
