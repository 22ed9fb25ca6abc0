import type { Kysely } from 'kysely';
import type { LevelPool } from '../rules/terms';
import type { Rules } from '../rules/rules';
import type { Database } from '../../db/schema';
import { audit } from '../audit';
import { findActivePeople } from '../org/people.repository';
import { monthlyResultsForQuarter } from './month-results';
import { proposeQuarter, type MonthResult } from './proposal';
import { fitPoolToQuota } from './quota';
import {
  deleteProposal,
  findLock,
  findResult,
  findUnitQuarterResults,
  insertProposal,
  refreshProposal,
  type ProposalColumns,
  type QuarterResult,
} from './results.repository';

type Db = Kysely<Database>;

export interface PoolProposal {
  level: LevelPool;
  /** Already confirmed: nothing is recomputed and no card is due. */
  locked: boolean;
  /** Each member's proposal with the quota applied (tier); empty for a locked pool. */
  proposals: ProposalColumns[];
  size: number;
}

export interface UnitProposal {
  unitId: string;
  /** False when nobody in the unit has a monthly review in the quarter: nothing to determine. */
  hasData: boolean;
  pools: PoolProposal[];
  /** People whose level is not one of the rules' pools; they cannot be ranked and are left out. */
  unpooled: string[];
}

interface Candidate {
  openId: string;
  level: string;
  months: MonthResult[];
}

/**
 * The unit's quarterly proposals as the monthly results stand now, fitted to the 好 quota per
 * pool (ties at the line stay 好 for the admin to decide). Reads only.
 */
export async function computeUnitProposals(db: Db, rules: Rules, unitId: string, quarterKey: string): Promise<UnitProposal> {
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

  const out: PoolProposal[] = [];
  for (const level of pools) {
    const members = [...candidates.values()].filter((c) => c.level === level);
    if (members.length === 0) continue;
    if (await findLock(db, { unitId, quarterKey, level })) {
      out.push({ level, locked: true, proposals: [], size: members.length });
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
    out.push({
      level,
      locked: false,
      size: members.length,
      proposals: members.map((m) => {
        const p = proposals.get(m.openId)!;
        return {
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
      }),
    });
  }
  return { unitId, hasData: true, pools: out, unpooled };
}

/** Whether a stored proposal was made from the same monthly results (the admin's tier aside). */
export function sameProposal(stored: QuarterResult, fresh: ProposalColumns): boolean {
  return (
    stored.unitId === fresh.unitId &&
    stored.level === fresh.level &&
    stored.score === fresh.score &&
    stored.work === fresh.work &&
    stored.conduct === fresh.conduct &&
    stored.goodMonths === fresh.goodMonths &&
    stored.proposedTier === fresh.proposedTier
  );
}

/**
 * Computes and stores the unit's proposals as 'proposed'. A proposal whose monthly basis has not
 * changed is left as it is, so the admin's saved adjustments survive a refresh; one whose basis
 * changed (a month graded late) is recomputed. Determined results are never touched. Safe to re-run.
 */
export async function proposeUnitQuarter(db: Db, rules: Rules, unitId: string, quarterKey: string, at: Date, actor: string): Promise<UnitProposal> {
  const unit = await computeUnitProposals(db, rules, unitId, quarterKey);
  for (const pool of unit.pools) for (const cols of pool.proposals) await storeProposal(db, cols, at, actor);
  await withdrawStale(db, unit, quarterKey, at, actor);
  return unit;
}

/**
 * A proposal stored earlier for someone who is no longer a candidate here (left without being
 * graded, or now graded in another unit) would inflate the pool and its quota; it is withdrawn.
 */
async function withdrawStale(db: Db, unit: UnitProposal, quarterKey: string, at: Date, actor: string): Promise<void> {
  const fresh = new Set(unit.pools.flatMap((p) => p.proposals.map((c) => c.openId)));
  const lockedLevels = new Set(unit.pools.filter((p) => p.locked).map((p) => p.level as string));
  for (const r of await findUnitQuarterResults(db, unit.unitId, quarterKey)) {
    if (r.status !== 'proposed' || fresh.has(r.openId) || lockedLevels.has(r.level)) continue;
    if (await deleteProposal(db, r.id)) {
      await audit(db, at, {
        actor,
        action: 'grading.quarter.withdraw',
        entityType: 'quarter_result',
        entityId: r.id,
        before: { openId: r.openId, level: r.level, proposedTier: r.proposedTier, tier: r.tier },
        reason: '不再属于本单位本季度的考核对象',
      });
    }
  }
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
  if (existing.status !== 'proposed' || sameProposal(existing, cols)) return;
  const before = { proposedTier: existing.proposedTier, tier: existing.tier, score: existing.score, level: existing.level };
  if (await refreshProposal(db, existing.id, cols, at)) {
    await audit(db, at, { actor, action: 'grading.quarter.propose', entityType: 'quarter_result', entityId: existing.id, before, after });
  }
}
