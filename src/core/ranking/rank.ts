import { round2 } from '../numbers';
import { compareText } from '../text-order';

export interface RankInput {
  unitId: string;
  score: number | null;
  veto: boolean;
  /** Scores of the tie-break indicators in order; null (missing) ranks below any value. */
  tieKeys: ReadonlyArray<number | null>;
}

export interface RankPlace {
  unitId: string;
  /** 1-based; units equal on every key share the rank of the first of them (1, 2, 2, 4). Null: not ranked. */
  rank: number | null;
  tied: boolean;
  /** How many ranked units are strictly behind this one (0 for the last, and for all tied last). */
  behind: number;
}

/**
 * Orders units by composite, highest first. A unit under a veto (一票否决) goes after every other unit
 * (直接列为末位). Equal composites are separated by the tie-break indicators; units still equal share
 * their rank — they are listed by unit id, which orders the list but decides nothing. Units without a
 * composite are not ranked and come last.
 */
export function rankUnits(inputs: readonly RankInput[]): RankPlace[] {
  const ranked = inputs.filter((u) => u.score !== null).sort((a, b) => compareUnits(a, b) || compareText(a.unitId, b.unitId));
  const places: RankPlace[] = [];
  // Sorted, so units equal on every key are neighbours: each run shares the rank of its first.
  for (let start = 0; start < ranked.length; ) {
    let end = start + 1;
    while (end < ranked.length && compareUnits(ranked[start]!, ranked[end]!) === 0) end++;
    for (let i = start; i < end; i++) {
      places.push({ unitId: ranked[i]!.unitId, rank: start + 1, tied: end - start > 1, behind: ranked.length - end });
    }
    start = end;
  }
  const unranked = inputs
    .filter((u) => u.score === null)
    .sort((a, b) => compareText(a.unitId, b.unitId))
    .map((u): RankPlace => ({ unitId: u.unitId, rank: null, tied: false, behind: 0 }));
  return [...places, ...unranked];
}

/** Negative when `a` ranks before `b`. */
function compareUnits(a: RankInput, b: RankInput): number {
  if (a.veto !== b.veto) return a.veto ? 1 : -1;
  const byScore = round2(b.score ?? 0) - round2(a.score ?? 0);
  if (byScore !== 0) return byScore;
  const n = Math.max(a.tieKeys.length, b.tieKeys.length);
  for (let i = 0; i < n; i++) {
    const x = a.tieKeys[i] ?? null;
    const y = b.tieKeys[i] ?? null;
    if (x === y) continue;
    if (x === null) return 1;
    if (y === null) return -1;
    const d = round2(y) - round2(x);
    if (d !== 0) return d;
  }
  return 0;
}

