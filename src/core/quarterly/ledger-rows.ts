import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import { round2 } from '../numbers';
import { ledgerRowsOfQuarter } from './results.repository';

export const QUARTER_TIER_COLUMNS = ['quarter', 'unit', 'name', 'open_id', 'level', 'score', 'tier', 'status'] as const;

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
    };
  }
}
