import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import { round2 } from '../numbers';
import { ledgerRowsOfQuarter } from './results.repository';
import { peersOnAnywhere } from '../peers/voices.repository';
import type { Rules } from '../rules/rules';

/** CONTRACT.md's columns. */
export const QUARTER_TIER_COLUMNS = ['quarter', 'unit', 'name', 'open_id', 'level', 'score', 'tier', 'status'] as const;

/**
 * After them, where the rules compose the score (issue 15: 民主测评 in some organ, or 好差评 applied),
 * its parts: leader_score (the months' mean, 领导评鉴), peer_score and peer_answers (民主测评, only
 * once enough answered) and service_adjustment (服务对象评价 points). Empty when the score is the mean
 * alone. Without composition the export keeps exactly the contract's header.
 */
export const quarterTierPartColumns = (rules: Pick<Rules, 'peers' | 'service_rating'>): readonly string[] =>
  peersOnAnywhere(rules) || rules.service_rating.adjust !== 'none' ? ['leader_score', 'peer_score', 'peer_answers', 'service_adjustment'] : [];

/** `export quarter-tiers`: one row per person of the quarter, proposals included (status says which). */
export async function* quarterTierRecords(db: Kysely<Database>, quarterKey: string) {
  for (const r of await ledgerRowsOfQuarter(db, quarterKey)) {
    const score = r.score === null ? null : Number(r.score);
    yield {
      quarter: r.quarter_key,
      unit: r.unit_name ?? r.unit_id,
      name: r.person_name ?? '',
      open_id: r.open_id,
      level: r.level,
      score: score === null || !Number.isFinite(score) ? null : round2(score),
      tier: r.tier,
      status: r.status,
      leader_score: num(r.leader_score),
      peer_score: num(r.peer_score),
      peer_answers: num(r.peer_answers),
      service_adjustment: num(r.service_adjustment),
    };
  }
}

function num(x: number | string | null | undefined): number | null {
  if (x === null || x === undefined) return null;
  const n = Number(x);
  return Number.isFinite(n) ? round2(n) : null;
}
