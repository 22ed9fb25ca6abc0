import type { Kysely } from 'kysely';
import type { LevelPool, Rules } from '../../config/rules';
import type { Database } from '../../db/schema';
import { audit } from '../audit';
import { findActivePeople } from '../org/people.repository';
import { monthlyResultsForQuarter } from './monthly-read';
import { proposeQuarter, type MonthResult } from './quarter';
import { fitPoolToQuota } from './quota';
import { findLock, findResult, insertProposal, refreshProposal, type ProposalColumns } from './quarter-results.repository';

type Db = Kysely<Database>;

export interface ProposedPool {
  level: LevelPool;
  size: number;
  /** Already confirmed: nothing was recomputed and no card is due. */
  locked: boolean;
}

export interface UnitProposal {
  unitId: string;
  /** False when nobody in the unit has a monthly review in the quarter: nothing to determine. */
  hasData: boolean;
  pools: ProposedPool[];
  /** People whose level is not one of the rules' pools; they cannot be ranked and are left out. */
  unpooled: string[];
}

interface Candidate {
  openId: string;
  level: string;
  months: MonthResult[];
}

/**
 * Computes every quarterly proposal of a unit from the monthly results and stores it as
 * 'proposed' with the quota already applied (tier = proposal fitted to the quota; ties at the
 * line stay 好 for the admin to decide). Locked pools are left alone. Safe to run again.
 */
export async function proposeUnitQuarter(db: Db, rules: Rules, unitId: string, quarterKey: string, at: Date, actor: string): Promise<UnitProposal> {
  const monthly = await monthlyResultsForQuarter(db, quarterKey, { unitId });
  if (monthly.length === 0) return { unitId, hasData: false, pools: [], unpooled: [] };

  // Everyone graded in the unit this quarter, plus active members nobody graded: they are still
  // assessed (as 不定等次) and count in the pool size.
  const candidates = new Map<string, Candidate>(monthly.map((m) => [m.openId, { openId: m.openId, level: m.level, months: m.months }]));
  for (const p of await findActivePeople(db, { unitId })) {
    if (!candidates.has(p.openId)) candidates.set(p.openId, { openId: p.openId, level: p.level, months: [] });
  }
  const pools = rules.quarterly.pools;
  const unpooled = [...candidates.values()].filter((c) => !(pools as readonly string[]).includes(c.level)).map((c) => c.openId);

  const out: ProposedPool[] = [];
  for (const level of pools) {
    const members = [...candidates.values()].filter((c) => c.level === level);
    if (members.length === 0) continue;
    if (await findLock(db, { unitId, quarterKey, level })) {
      out.push({ level, size: members.length, locked: true });
      continue;
    }
    const proposals = new Map(members.map((m) => [m.openId, proposeQuarter(m.months, rules)]));
    const fit = fitPoolToQuota(
      members.map((m) => {
        const p = proposals.get(m.openId)!;
        return { personId: m.openId, proposedTier: p.proposedTier, score: p.score, work: p.work, conduct: p.conduct, goodMonths: p.goodMonths };
      }),
      rules,
    );
    for (const m of members) {
      const p = proposals.get(m.openId)!;
      const cols: ProposalColumns = {
        openId: m.openId,
        quarterKey,
        unitId,
        level,
        score: p.score,
        work: p.work,
        conduct: p.conduct,
        goodMonths: p.goodMonths,
        proposedTier: p.proposedTier,
        tier: fit.result[m.openId] ?? p.proposedTier,
      };
      await storeProposal(db, cols, at, actor);
    }
    out.push({ level, size: members.length, locked: false });
  }
  return { unitId, hasData: true, pools: out, unpooled };
}

async function storeProposal(db: Db, cols: ProposalColumns, at: Date, actor: string): Promise<void> {
  const after = { proposedTier: cols.proposedTier, tier: cols.tier, score: cols.score, level: cols.level };
  const existing = await findResult(db, cols.openId, cols.quarterKey);
  if (!existing) {
    if (await insertProposal(db, cols, at)) {
      const created = await findResult(db, cols.openId, cols.quarterKey);
      await audit(db, at, { actor, action: 'grading.quarter.propose', entityType: 'quarter_result', entityId: created!.id, after });
    }
    return;
  }
  if (existing.status !== 'proposed') return;
  const before = { proposedTier: existing.proposedTier, tier: existing.tier, score: existing.score, level: existing.level };
  if (JSON.stringify(before) === JSON.stringify(after) && existing.unitId === cols.unitId) return;
  if (await refreshProposal(db, existing.id, cols, at)) {
    await audit(db, at, { actor, action: 'grading.quarter.propose', entityType: 'quarter_result', entityId: existing.id, before, after });
  }
}
