import type { Kysely } from 'kysely';
import type { TierOrUndetermined } from '../rules/terms';
import type { Rules } from '../rules/rules';
import type { Database } from '../../db/schema';
import { audit } from '../audit';
import type { CoreDeps } from '../deps';
import { DomainError, forbidden, invalidInput, notFound, staleCard } from '../errors';
import type { Person } from '../org/person';
import { assertNoProblems } from '../problems';
import { isTierOrUndetermined } from '../tiers';
import { determinationView } from './determination-view';
import { isDeterminerOf, peopleByOpenId } from './people.repository';
import { orderedForCard, pageCount, pageOf } from './pool-pages';
import { pageRevision } from './pool-revision';
import { computeScopeProposals, sameProposal } from './proposal.service';
import { checkDetermination } from './quota';
import { findLock, findPoolResults, findScopeLocks, findScopeQuarterResults, setProposedTier, type PoolKey, type QuarterResult } from './results.repository';
import { loadUnits, type UnitIndex } from './scope';
import { quotaRulesFor } from './quota-share';
import { checkScopeQuota, seatsOfScope, type ScopeMember } from './scope-quota';
import { lockedError, lockPool, signOrLock } from './pool-lock';
import { tierField } from './tier-choice';
import type { DeterminationView } from './views';

type Db = Kysely<Database>;

export function assertDeterminer(actor: Person | null, scopeId: string, units: UnitIndex): asserts actor is Person {
  if (!actor || !isDeterminerOf(actor, scopeId, units)) throw forbidden('只有本机关考核管理员（或公务员局管理员）可以审定本机关的季度等次。');
}


/** One page of a pool as the admin clicked it. */
export interface PoolChoice {
  pool: PoolKey;
  page: number;
  /** The page revision the card was built from. */
  revision: string;
  /** The page's form: one tier select per person on the page. */
  form: Record<string, unknown>;
}

interface OpenPage {
  results: QuarterResult[];
  /** The tiers of the whole pool with this page's choices applied. */
  chosen: Record<string, TierOrUndetermined>;
  before: ScopeMember[];
  after: ScopeMember[];
  lockedPools: Set<string>;
}

/** Refuses once the pool is locked, saying by whom and when. */
async function assertUnlocked(db: Db, pool: PoolKey): Promise<void> {
  const lock = await findLock(db, pool);
  if (lock) {
    const names = await peopleByOpenId(db, [lock.lockedBy]);
    throw lockedError(lock, names.get(lock.lockedBy)?.name ?? lock.lockedBy);
  }
}

/** The pool's open results as of the page the admin clicked; a lock or a newer page state refuses. */
async function openPage(db: Db, rules: Rules, { pool, page, revision, form }: PoolChoice): Promise<OpenPage> {
  await assertUnlocked(db, pool);
  const results = (await findPoolResults(db, pool)).filter((r) => r.status === 'proposed');
  if (results.length === 0) throw notFound('没有找到该审定组的季度建议等次，请发送“/审定”重新获取审定卡片。');
  const names = await peopleByOpenId(db, results.map((r) => r.openId));
  const size = rules.quarterly.card_page_size;
  const ordered = orderedForCard(results, (id) => names.get(id)?.name ?? id);
  const pages = pageCount(ordered.length, size);
  const rows = pageOf(ordered, page, size);
  if (page < 1 || page > pages || pageRevision(rows, page, pages) !== revision) {
    throw staleCard('本页等次在卡片发出后已有调整，请发送“审定”获取最新的审定卡片');
  }
  const chosen: Record<string, TierOrUndetermined> = Object.fromEntries(results.map((r) => [r.openId, r.tier]));
  for (const r of rows) {
    const v = form[tierField(r.openId)];
    if (v === undefined || v === null || v === '') continue;
    if (!isTierOrUndetermined(v)) throw invalidInput(`等次“${String(v)}”无效，请从 好、较好、一般、较差 中选择`);
    chosen[r.openId] = v;
  }
  const scope = await findScopeQuarterResults(db, pool.scopeId, pool.quarterKey);
  const before = scope.map((r) => ({ personId: r.openId, pool: r.pool, tier: r.tier }));
  const after = before.map((m) => (m.pool === pool.pool && chosen[m.personId] !== undefined ? { ...m, tier: chosen[m.personId]! } : m));
  const lockedPools = new Set((await findScopeLocks(db, pool.scopeId, pool.quarterKey)).map((l) => l.pool));
  return { results, chosen, before, after, lockedPools };
}

/** Writes the page's changed tiers, each audited. */
async function writeChoices(db: Db, actor: Person, open: OpenPage, at: Date): Promise<void> {
  for (const r of open.results) {
    const tier = open.chosen[r.openId]!;
    if (tier === r.tier) continue;
    if (await setProposedTier(db, r.id, tier, at)) {
      await audit(db, at, { actor: actor.openId, action: 'grading.quarter.adjust', entityType: 'quarter_result', entityId: r.id, before: { tier: r.tier }, after: { tier } });
    }
  }
}

/**
 * 保存调整: stores this page's choices without confirming. Refused, with nothing saved, when the
 * pool would end further over its seats, or a locked pool would lose seats it has used.
 */
export async function saveAdjustments(deps: CoreDeps, actor: Person, choice: PoolChoice): Promise<DeterminationView> {
  const units = await loadUnits(deps.db);
  assertDeterminer(actor, choice.pool.scopeId, units);
  const at = deps.clock.now();
  await deps.db.transaction().execute(async (trx) => {
    const { rules } = await quotaRulesFor(trx, deps.rules, choice.pool.scopeId, choice.pool.quarterKey, { units });
    const open = await openPage(trx, rules, choice);
    const check = checkScopeQuota(open.before, open.after, { pool: choice.pool.pool, locked: open.lockedPools }, rules);
    if (check.errors.length > 0) throw new DomainError('QUOTA_EXCEEDED', `${check.errors.join('；')}，未保存。`);
    await writeChoices(trx, actor, open, at);
  });
  return (await determinationView(deps.db, deps.rules, units, choice.pool, choice.page, '已保存本页调整，尚未确认审定。'))!;
}

/**
 * The admin must confirm what the months now say: a month graded or re-graded after the card went
 * out makes the card stale, and confirming it would lock a result nobody saw.
 */
async function assertProposalsCurrent(db: Db, rules: Rules, units: UnitIndex, pool: PoolKey, stored: readonly QuarterResult[]): Promise<void> {
  const scope = await computeScopeProposals(db, rules, pool.scopeId, pool.quarterKey, units);
  const fresh = scope.pools.find((p) => p.pool === pool.pool)?.proposals ?? [];
  const byId = new Map(stored.map((r) => [r.openId, r]));
  const current = fresh.length === stored.length && fresh.every((f) => byId.has(f.openId) && sameProposal(byId.get(f.openId)!, f));
  if (!current) {
    // A confirmation of the same pool committed since this one read it (a double click on
    // PostgreSQL): its lock is what changed, and the reason to give.
    await assertUnlocked(db, pool);
    throw new DomainError('CONFLICT', '本卡片发出后月度评鉴结果有更新，为免依据过时的建议审定，请发送“/审定”获取最新的审定卡片后再确认。');
  }
}

/**
 * 确认审定 on any page: saves this page's choices, then re-checks the whole pool from what is stored
 * (every page's saved choices) — tiers valid, the pool within its seats, no locked pool starved — and
 * locks it, audits every tier and queues each person's private feedback in the same transaction.
 * Nobody confirms their own tier alone: a determiner whose result is in the pool records a first
 * confirmation, and the pool locks when another determiner confirms the same state.
 */
export async function confirmPool(deps: CoreDeps, actor: Person, choice: PoolChoice): Promise<DeterminationView> {
  const units = await loadUnits(deps.db);
  assertDeterminer(actor, choice.pool.scopeId, units);
  const at = deps.clock.now();
  const { pool } = choice;
  const notice = await deps.db.transaction().execute(async (trx) => {
    const { rules } = await quotaRulesFor(trx, deps.rules, pool.scopeId, pool.quarterKey, { units });
    const open = await openPage(trx, rules, choice);
    await assertProposalsCurrent(trx, deps.rules, units, pool, open.results);
    const names = await peopleByOpenId(trx, open.results.map((r) => r.openId));
    const seats = seatsOfScope(open.after, rules).seats[pool.pool] ?? 0;
    const check = checkDetermination(
      open.results.map((r) => ({ personId: r.openId, name: names.get(r.openId)?.name ?? r.openId })),
      open.chosen,
      seats,
      rules,
    );
    const scopeCheck = checkScopeQuota(open.before, open.after, { pool: pool.pool, locked: open.lockedPools, confirm: true }, rules);
    const overQuota = check.goodCount > check.quota || scopeCheck.errors.length > 0;
    assertNoProblems([...check.errors, ...scopeCheck.errors.filter((e) => !check.errors.includes(e))], overQuota ? 'QUOTA_EXCEEDED' : 'INVALID_INPUT');
    await writeChoices(trx, actor, open, at);
    const stored = await findPoolResults(trx, pool);
    const outcome = await signOrLock(trx, deps, units, actor, pool, stored, at);
    if (outcome.kind === 'signed') return outcome.notice;
    await lockPool(trx, deps, actor, pool, stored, { goodCount: check.goodCount, quota: check.quota, countersigned: outcome.countersigned }, at);
    const warnings = [...new Set([...check.warnings, ...scopeCheck.warnings])];
    return warnings.length > 0 ? `已确认审定并锁定。提示：${warnings.join('；')}` : '已确认审定并锁定，结果已私信反馈本人及其主管领导。';
  });
  return (await determinationView(deps.db, deps.rules, units, pool, choice.page, notice))!;
}
