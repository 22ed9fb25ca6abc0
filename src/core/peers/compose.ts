import type { Rules } from '../rules/rules';
import { clamp, formatScore, round2 } from '../numbers';

/** 民主测评 for one person and period, as far as it may be known: no score below min_answers. */
export interface PeerAggregate {
  answers: number;
  /** Mean over answers and items on the 100-point scale, two decimals; null when answers < min. */
  score: number | null;
}

/** 好差评 of one person over a period (months and quarter rows summed; score averaged). */
export interface ServiceEvidence {
  good: number;
  bad: number;
  score: number | null;
}

/** What a quarterly score was composed of, stored with the result and shown on cards and ledgers. */
export interface ScoreParts {
  /** The months' mean: 领导评鉴. */
  leader: number;
  /** null when peer evaluation is off for the person or fewer than min_answers answered. */
  peer: number | null;
  /** Answers counted; null when no aggregate may be shown. */
  peerAnswers: number | null;
  /** Points added (+) or deducted (−) for 好差评, already capped; null when not applied. */
  service: number | null;
}

export interface Voices {
  /** Present when peer evaluation is on for the person's organ. */
  peer?: PeerAggregate | null;
  service?: ServiceEvidence | null;
}

export type ComposeRules = Pick<Rules, 'scoring' | 'peers' | 'service_rating'>;

/**
 * The 好差评 adjustment: `counts` adds good × good_points and deducts bad × bad_points; `score`
 * adds (score − baseline) × score_points. The addition never exceeds scoring.bonus_cap and the
 * deduction never exceeds scoring.deduction_cap — the caps a month's bonuses and deductions have.
 * null with `adjust: none` or no evidence (evidence only, never silently applied).
 */
export function serviceAdjustment(e: ServiceEvidence | null | undefined, rules: ComposeRules): number | null {
  const r = rules.service_rating;
  if (!e || r.adjust === 'none') return null;
  let raw: number;
  if (r.adjust === 'counts') {
    const add = Math.min(e.good * r.good_points, rules.scoring.bonus_cap);
    const cut = Math.min(e.bad * r.bad_points, rules.scoring.deduction_cap);
    raw = add - cut;
  } else {
    if (e.score === null) return null;
    raw = (e.score - r.score_baseline) * r.score_points;
  }
  return round2(clamp(raw, -rules.scoring.deduction_cap, rules.scoring.bonus_cap));
}

export interface Composed {
  score: number;
  parts: ScoreParts;
  /** "领导评鉴 88 × 70% + 民主测评 90 × 30%（6 份）+ 好差评 +0.5 = 89.1 分"; null when nothing was composed. */
  formula: string | null;
  /** Said when a voice was present but did not count (too few answers). */
  notes: string[];
}

const pct = (x: number) => `${round2(x * 100)}%`;
const signed = (x: number) => (x >= 0 ? `+${formatScore(x)}` : `−${formatScore(-x)}`);

/**
 * The quarterly score from the months' mean (领导评鉴) and the other voices. With no peer aggregate
 * and no applied 好差评 the score is exactly the mean, as before. Rounded to two decimals and kept
 * within 0–100.
 */
export function composeQuarterScore(leader: number, voices: Voices | undefined, rules: ComposeRules): Composed {
  const notes: string[] = [];
  const peerOn = voices?.peer !== undefined && voices.peer !== null;
  const peer = peerOn && voices!.peer!.score !== null ? voices!.peer! : null;
  if (peerOn && !peer) notes.push(`民主测评有效答卷不足 ${rules.peers.min_answers} 份，不计入`);
  const service = serviceAdjustment(voices?.service, rules);
  const parts: ScoreParts = { leader, peer: peer?.score ?? null, peerAnswers: peer ? peer.answers : null, service };
  if (!peer && service === null) return { score: leader, parts, formula: null, notes };
  const w = rules.peers.weights;
  const base = peer ? leader * w.leader + peer.score! * w.peers : leader;
  const score = round2(clamp(base + (service ?? 0), 0, rules.scoring.scale));
  const terms = peer
    ? [`领导评鉴 ${formatScore(leader)} × ${pct(w.leader)}`, `民主测评 ${formatScore(peer.score!)} × ${pct(w.peers)}（${peer.answers} 份）`]
    : [`领导评鉴 ${formatScore(leader)}`];
  const serviceTerm = service === null ? '' : ` ${signed(service)}（服务对象评价）`;
  return { score, parts, formula: `${terms.join(' + ')}${serviceTerm} = ${formatScore(score)} 分`, notes };
}

/** The one line the feedback card and the ledgers explain a composed score with. */
export function describeParts(parts: ScoreParts, score: number | null, rules: ComposeRules): string | null {
  if (parts.peer === null && parts.service === null) return null;
  const w = rules.peers.weights;
  const terms =
    parts.peer !== null
      ? [`领导评鉴 ${formatScore(parts.leader)} 分 × ${pct(w.leader)}`, `民主测评 ${formatScore(parts.peer)} 分 × ${pct(w.peers)}（${parts.peerAnswers ?? 0} 份答卷）`]
      : [`领导评鉴 ${formatScore(parts.leader)} 分`];
  const service = parts.service === null ? '' : ` ${signed(parts.service)} 分（服务对象评价）`;
  return `${terms.join(' + ')}${service}${score === null ? '' : ` = ${formatScore(score)} 分`}`;
}
