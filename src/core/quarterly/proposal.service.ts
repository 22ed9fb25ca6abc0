import type { Kysely } from 'kysely';
import type { Rules } from '../rules/rules';
import type { Database } from '../../db/schema';
import { audit, auditMany } from '../audit';
import { monthsOfQuarter, parsePeriodKey } from '../calendar/periods';
import { openIdsReviewedIn } from '../monthly/review.repository';
import { findActiveMembers } from '../org/people.repository';
import type { Member } from '../org/person';
import { monthlyResultsForQuarter, type PersonMonths } from './month-results';
import { peopleByOpenId } from './people.repository';
import { poolNames, poolOf } from './pools';
import { proposeQuarter, type MonthResult, type QuarterProposal } from './proposal';
import {
  deleteProposal,
  findResultsOf,
  findScopeQuarterResults,
  insertProposals,
  refreshProposal,
  scopeHasResults,
  scopeHasResultsRead,
  scopeLocksRead,
  type ProposalColumns,
  type QuarterLock,
  type QuarterResult,
} from './results.repository';
import { loadUnits, organOf, scopeOf, type UnitIndex } from './scope';
import { quotaRulesFor, type QuotaRules } from './quota-share';
import type { ShareBasis } from '../ranking/quota-effect.service';
import { fitScopeToQuota } from './scope-quota';
import { voicesOfQuarterRead } from '../peers/voices.repository';
import { readTogether } from '../read-together';
import { compareText } from '../text-order';
import { merged } from '../merged';

type Db = Kysely<Database>;

export interface PoolProposal {
  pool: string;
  /** Already confirmed: nothing is recomputed and no card is due. */
  locked: boolean;
  /** Each member's proposal with the seats applied (tier); empty for a locked pool. */
  proposals: ProposalColumns[];
  size: number;
}

export interface ScopeProposal {
  scopeId: string;
  /** False when nobody in the scope has a monthly review in the quarter: nothing to determine. */
  hasData: boolean;
  pools: PoolProposal[];
  /** People whose level is in none of the rules' pools; they cannot be ranked and are left out. */
  unpooled: string[];
  /** The scope's quota rules for the quarter, as the proposals were fitted to them. */
  quota: QuotaRules;
  /** The scope's confirmed pools as read for these proposals. */
  locks: QuarterLock[];
  /** Whether the scope had any result stored for the quarter when they were read (none: a first close). */
  hadResults: boolean;
}

interface Candidate {
  openId: string;
  unitId: string;
  level: string;
  pool: string | null;
  months: MonthResult[];
  proposal: QuarterProposal;
}

/**
 * What every scope's proposals are computed from: the quarter's monthly results and the active
 * people. The quarter-close job reads them once for the whole city instead of once per organ.
 */
export interface QuarterInputs {
  monthly: PersonMonths[];
  active: Member[];
  /** The active people by open id, when the caller has them (read once for every scope). */
  people?: ReadonlyMap<string, Member>;
  /** The rankings the quarter's 好 shares come from, when the caller has them (goodShareBasis). */
  shareBasis?: ShareBasis;
}

export async function loadQuarterInputs(db: Db, quarterKey: string): Promise<QuarterInputs> {
  // Two connections on PostgreSQL: one query runs while the other's rows are parsed.
  const [monthly, active] = await Promise.all([monthlyResultsForQuarter(db, quarterKey), findActiveMembers(db)]);
  return { monthly, active };
}

/**
 * One scope's inputs, for a click or command on it: its units' active people, and the quarter of
 * everyone reviewed in its units (each person's months, wherever reviewed, decide where they count).
 */
async function loadScopeInputs(db: Db, quarterKey: string, unitIds: readonly string[]): Promise<QuarterInputs> {
  const [active, reviewed] = await Promise.all([findActiveMembers(db, { unitIds }), openIdsReviewedIn(db, monthsOfQuarter(quarterKey), unitIds)]);
  const monthly = await monthlyResultsForQuarter(db, quarterKey, { openIds: [...reviewed, ...active.map((p) => p.openId)] });
  return { monthly, active, people: new Map(active.map((p) => [p.openId, p])) };
}

/** The scopes (organs, or 处室) with monthly results in the quarter: each is determined on its own. */
export async function scopesWithData(db: Db, rules: Rules, quarterKey: string, inputs?: QuarterInputs): Promise<string[]> {
  const units = await loadUnits(db);
  const monthly = inputs?.monthly ?? (await monthlyResultsForQuarter(db, quarterKey));
  return [...new Set(monthly.map((m) => scopeOf(m.unitId, units, rules)))].sort();
}

/**
 * The scope's quarterly proposals as the monthly results stand now. Everyone graded in the scope
 * this quarter is a candidate, and so is every active member who joined by the quarter's end
 * (nobody graded them: 不定等次). Each open pool is fitted to its seats, the seats being shared
 * over the scope by its rated headcount (locked pools count as determined). Reads only.
 */
export async function computeScopeProposals(db: Db, baseRules: Rules, scopeId: string, quarterKey: string, units?: UnitIndex, inputs?: QuarterInputs): Promise<ScopeProposal> {
  const index = units ?? (await loadUnits(db));
  const quota = await quotaRulesFor(db, baseRules, scopeId, quarterKey, { basis: inputs?.shareBasis, units: index });
  const { rules } = quota;
  const inScope = (unitId: string) => scopeOf(unitId, index, rules) === scopeId;
  const given = inputs ?? (await loadScopeInputs(db, quarterKey, [...index.keys()].filter(inScope)));
  const monthly = given.monthly.filter((m) => inScope(m.unitId));
  if (monthly.length === 0) return { scopeId, hasData: false, pools: [], unpooled: [], quota, locks: [], hadResults: await scopeHasResults(db, scopeId, quarterKey) };

  const quarterEnd = parsePeriodKey(quarterKey, 'quarter').end;
  const active = given.active.filter((p) => inScope(p.unitId) && p.joinedOn <= quarterEnd);
  const people = await peopleByOpenId(db, [...monthly.map((m) => m.openId), ...active.map((p) => p.openId)], given.people);
  const graded = new Set(monthly.map((m) => m.openId));
  const raw = [
    ...monthly.map((m) => ({ openId: m.openId, unitId: m.unitId, level: m.level, months: m.months, pending: m.pendingMonths })),
    ...active.filter((p) => !graded.has(p.openId)).map((p) => ({ openId: p.openId, unitId: p.unitId, level: p.level, months: [], pending: [] })),
  ];
  // One statement on PostgreSQL: a close asks this of each of 80 organs, and each round trip costs
  // the process more than the rows.
  const [voices, locks, hadResults] = await readTogether(db, [
    voicesOfQuarterRead(db, rules, quarterKey, raw.map((c) => ({ openId: c.openId, organId: organOf(c.unitId, index) }))),
    scopeLocksRead(db, scopeId, quarterKey),
    scopeHasResultsRead(db, scopeId, quarterKey),
  ]);
  const candidates: Candidate[] = raw.map((c) => {
    const person = people.get(c.openId);
    const context = { quarterKey, joinedOn: person?.joinedOn ?? null, probationUntil: person?.probationUntil ?? null, pendingMonths: c.pending, voices: voices.get(c.openId) };
    return merged(c, { pool: poolOf(c.level, rules), proposal: proposeQuarter(c.months, rules, context) });
  });

  const locked = new Set(locks.map((l) => l.pool));
  // Only a locked pool's stored tiers count here; with none locked there is nothing to read.
  const stored = locked.size > 0 ? await findScopeQuarterResults(db, scopeId, quarterKey) : [];
  // Locked pools count as determined; open ones by their proposals.
  const fit = fitScopeToQuota(
    candidates
      .filter((c) => c.pool && !locked.has(c.pool))
      .map(({ openId, pool, proposal: p }) => ({ personId: openId, pool: pool!, proposedTier: p.proposedTier, score: p.score, work: p.work, conduct: p.conduct, goodMonths: p.goodMonths })),
    rules,
    stored.filter((r) => locked.has(r.pool)).map((r) => ({ personId: r.openId, pool: r.pool, tier: r.tier })),
  );

  const out: PoolProposal[] = [];
  for (const pool of poolNames(rules)) {
    const own = candidates.filter((c) => c.pool === pool);
    if (own.length === 0) continue;
    if (locked.has(pool)) {
      out.push({ pool, locked: true, proposals: [], size: own.length });
      continue;
    }
    out.push({
      pool,
      locked: false,
      size: own.length,
      proposals: own.map(({ openId, unitId, level, proposal: p }) => ({
        openId,
        quarterKey,
        unitId,
        level,
        scopeId,
        pool,
        basis: p.basis,
        score: p.score,
        work: p.work,
        conduct: p.conduct,
        goodMonths: p.goodMonths,
        proposedTier: p.proposedTier,
        tier: fit.result[openId] ?? p.proposedTier,
        leaderScore: p.parts?.leader ?? null,
        peerScore: p.parts?.peer ?? null,
        peerAnswers: p.parts?.peerAnswers ?? null,
        serviceAdjustment: p.parts?.service ?? null,
      })),
    });
  }
  const unpooled = candidates.filter((c) => c.pool === null).map((c) => c.openId);
  return { scopeId, hasData: true, pools: out, unpooled, quota, locks, hadResults };
}

/** Whether a stored proposal was made from the same monthly results (the admin's tier aside). */
export function sameProposal(stored: QuarterResult, fresh: ProposalColumns): boolean {
  return (
    stored.unitId === fresh.unitId &&
    stored.level === fresh.level &&
    stored.scopeId === fresh.scopeId &&
    stored.pool === fresh.pool &&
    stored.basis === fresh.basis &&
    stored.score === fresh.score &&
    stored.work === fresh.work &&
    stored.conduct === fresh.conduct &&
    stored.goodMonths === fresh.goodMonths &&
    stored.proposedTier === fresh.proposedTier &&
    stored.leaderScore === fresh.leaderScore &&
    stored.peerScore === fresh.peerScore &&
    stored.peerAnswers === fresh.peerAnswers &&
    stored.serviceAdjustment === fresh.serviceAdjustment
  );
}

/**
 * Computes and stores the scope's proposals as 'proposed'. A proposal whose monthly basis has not
 * changed is left as it is, so the admin's saved adjustments survive a refresh; one whose basis
 * changed (a month graded late) is recomputed. Determined results are never touched. Safe to re-run.
 */
export async function proposeScopeQuarter(
  db: Db,
  rules: Rules,
  scopeId: string,
  quarterKey: string,
  at: Date,
  actor: string,
  inputs?: { units: UnitIndex } & QuarterInputs,
): Promise<ScopeProposal & { stored: QuarterResult[] }> {
  const scope = await computeScopeProposals(db, rules, scopeId, quarterKey, inputs?.units, inputs);
  const proposals = scope.pools.flatMap((p) => p.proposals);
  // A scope's first proposals (the quarter-close job's usual case): what was inserted is all there is.
  const first = scope.pools.every((p) => !p.locked) && !scope.hadResults;
  const inserted = await storeProposals(db, proposals, quarterKey, at, actor);
  if (first && inserted.size === proposals.length) return { ...scope, stored: byPoolAndPerson([...inserted.values()]) };
  return { ...scope, stored: await withdrawStale(db, scope, quarterKey, at, actor) };
}

/** The order findScopeQuarterResults reads them in. */
function byPoolAndPerson(results: QuarterResult[]): QuarterResult[] {
  return results.sort((a, b) => compareText(a.pool, b.pool) || compareText(a.openId, b.openId));
}

/**
 * A proposal stored earlier for someone who is no longer a candidate here (left without being
 * graded, or now graded elsewhere) would inflate the pool and the quota base; it is withdrawn.
 * Returns the scope's results as they now stand.
 */
async function withdrawStale(db: Db, scope: ScopeProposal, quarterKey: string, at: Date, actor: string): Promise<QuarterResult[]> {
  const fresh = new Set(scope.pools.flatMap((p) => p.proposals.map((c) => c.openId)));
  const lockedPools = new Set(scope.pools.filter((p) => p.locked).map((p) => p.pool));
  const remaining: QuarterResult[] = [];
  for (const r of await findScopeQuarterResults(db, scope.scopeId, quarterKey)) {
    if (r.status !== 'proposed' || fresh.has(r.openId) || lockedPools.has(r.pool) || !(await deleteProposal(db, r.id))) {
      remaining.push(r);
      continue;
    }
    await audit(db, at, {
      actor,
      action: 'grading.quarter.withdraw',
      entityType: 'quarter_result',
      entityId: r.id,
      before: { openId: r.openId, pool: r.pool, proposedTier: r.proposedTier, tier: r.tier },
      reason: '不再属于本机关本季度的考核对象',
    });
  }
  return remaining;
}

/**
 * New proposals are inserted together; a stored one is refreshed only if its monthly basis changed.
 * Returns the proposals inserted, as stored.
 */
async function storeProposals(db: Db, proposals: readonly ProposalColumns[], quarterKey: string, at: Date, actor: string): Promise<Map<string, QuarterResult>> {
  const afterOf = (c: ProposalColumns) => ({ proposedTier: c.proposedTier, tier: c.tier, score: c.score, pool: c.pool, basis: c.basis });
  // Inserted first, skipping anyone already stored (the unique key decides): at a quarter's first
  // close nobody is, and reading 28,000 people first to learn that took about a tenth of the job
  // on PostgreSQL.
  const inserted = await insertProposals(db, proposals, at);
  await auditMany(
    db,
    at,
    proposals.flatMap((c) => {
      const row = inserted.get(c.openId);
      return row ? [{ actor, action: 'grading.quarter.propose', entityType: 'quarter_result', entityId: row.id, after: afterOf(c) }] : [];
    }),
  );
  const kept = proposals.filter((c) => !inserted.has(c.openId));
  const existing = kept.length > 0 ? await findResultsOf(db, kept.map((c) => c.openId), quarterKey) : new Map<string, QuarterResult>();
  for (const cols of kept) {
    const stored = existing.get(cols.openId);
    if (!stored || stored.status !== 'proposed' || sameProposal(stored, cols)) continue;
    const before = { proposedTier: stored.proposedTier, tier: stored.tier, score: stored.score, pool: stored.pool, basis: stored.basis };
    if (await refreshProposal(db, stored.id, cols, at)) {
      await audit(db, at, { actor, action: 'grading.quarter.propose', entityType: 'quarter_result', entityId: stored.id, before, after: afterOf(cols) });
    }
  }
  return inserted;
}
