import { formatQuarterLabel } from '../calendar/periods';
import { isPostgres } from '../sql-dialect';
import type { CoreDeps } from '../deps';
import { forbidden } from '../errors';
import type { Person } from '../org/person';
import type { Addressed } from '../ports';
import { assertDeterminer } from './determination.service';
import { determinationPages } from './determination-view';
import { pageCount } from './pool-pages';
import { determinersAmong, isDeterminerOf } from './people.repository';
import { findActiveAdmins } from '../org/people.repository';
import { poolNames } from './pools';
import { goodShareBasis } from '../ranking/quota-effect.service';
import { loadQuarterInputs, proposeScopeQuarter, scopesWithData, type QuarterInputs } from './proposal.service';
import { loadUnits, organOf, scopeOf, type UnitIndex } from './scope';
import type { DeterminationView } from './views';

export const SYSTEM_ACTOR = 'system:quarter-close';

/**
 * The quarter-close job: per scope (the organ, by default), store the proposals and send each of
 * its determiners the cards of every open pool, a large pool split over several pages. Each scope
 * is its own transaction, so a failure in one neither loses nor repeats another's cards when the
 * job is run again (the keys make re-sends no-ops).
 */
export async function closeQuarter(deps: CoreDeps, quarterKey: string): Promise<string> {
  const at = deps.clock.now();
  const units = await loadUnits(deps.db);
  let scopes = 0;
  let cardsSent = 0;
  let unpooled = 0;
  // Read once for the city; each scope's transaction then writes its own proposals.
  const city = await loadQuarterInputs(deps.db, quarterKey);
  const byScope = splitByScope(city, (unitId) => scopeOf(unitId, units, deps.rules));
  const people = new Map(city.active.map((p) => [p.openId, p]));
  const admins = await findActiveAdmins(deps.db);
  const shareBasis = await goodShareBasis(deps, quarterKey);
  const closeScope = (scopeId: string) =>
    deps.db.transaction().execute(async (trx) => {
      const inputs = { units, people, shareBasis, ...(byScope.get(scopeId) ?? { monthly: [], active: [] }) };
      const proposal = await proposeScopeQuarter(trx, deps.rules, scopeId, quarterKey, at, SYSTEM_ACTOR, inputs);
      if (!proposal.hasData) return;
      scopes++;
      unpooled += proposal.unpooled.length;
      const open = proposal.pools.filter((p) => !p.locked);
      // Every pool confirmed already: no card is due, and nothing more to read.
      if (open.length === 0) return;
      const determiners = determinersAmong(admins, scopeId, units);
      // Each page is built when the sender gets to it (DeferredCard): the last of a city's 1,500
      // leave minutes after the first at Lark's 1,000 a minute, or the next morning after calm hours.
      const cards: Addressed[] = [];
      for (const pool of open) {
        const members = proposal.stored.filter((r) => r.pool === pool.pool).length;
        for (let page = 1; members > 0 && page <= pageCount(members, deps.rules.quarterly.card_page_size); page++) {
          const deferred = { card: 'quarter.determination', scopeId, quarterKey, pool: pool.pool, page } as const;
          for (const admin of determiners) {
            cards.push({ to: { type: 'open_id', id: admin.openId }, message: { kind: 'deferred', deferred }, key: `quarter-close:${quarterKey}:${scopeId}:${pool.pool}:p${page}:${admin.openId}` });
          }
        }
      }
      const messenger = deps.messengerFor(trx);
      await messenger.sendAll(cards);
      cardsSent += cards.length;
    });
  // Scopes write disjoint rows. On PostgreSQL three at a time keep the server busy while this
  // process computes the next scope's proposals (28,000 people: 3.5–3.9 s one by one, 2.7 s three
  // at a time, when the close still built the cards); SQLite has one connection, where they would
  // only take turns. After a failure no lane starts another scope, and the job fails once those
  // under way have finished.
  const queue = await scopesWithData(deps.db, deps.rules, quarterKey, city);
  const failures: unknown[] = [];
  const lane = async () => {
    for (let scopeId = queue.shift(); scopeId !== undefined && failures.length === 0; scopeId = queue.shift()) {
      await closeScope(scopeId).catch((e: unknown) => void failures.push(e));
    }
  };
  await Promise.all(Array.from({ length: isPostgres(deps.db) ? 3 : 1 }, lane));
  if (failures.length > 0) throw failures[0];
  const where = deps.rules.quarterly.quota_scope === 'division' ? '个处室' : '个机关';
  const parts = [`${formatQuarterLabel(quarterKey)}：${scopes} ${where}已生成建议等次，发出审定卡片 ${cardsSent} 张`];
  if (unpooled > 0) parts.push(`${unpooled} 人职级不在同级同台分组内，未纳入`);
  return parts.join('；');
}

/** The city's inputs split by scope once (each organ's proposals then read only its own people). */
function splitByScope(city: QuarterInputs, scopeOfUnit: (unitId: string) => string): Map<string, QuarterInputs> {
  const out = new Map<string, QuarterInputs>();
  const of = (unitId: string) => {
    const scope = scopeOfUnit(unitId);
    let entry = out.get(scope);
    if (!entry) out.set(scope, (entry = { monthly: [], active: [] }));
    return entry;
  };
  for (const m of city.monthly) of(m.unitId).monthly.push(m);
  for (const p of city.active) of(p.unitId).active.push(p);
  return out;
}

/**
 * The scopes an admin determines from a unit: its organ, or (division scope) each 处室 of the organ.
 * The actor must be a determiner there.
 */
export function scopesFor(actor: Person, unitId: string, units: UnitIndex, deps: Pick<CoreDeps, 'rules'>): string[] {
  const organ = organOf(unitId, units);
  if (!isDeterminerOf(actor, organ, units)) throw forbidden('只有本机关考核管理员（或公务员局管理员）可以审定本机关的季度等次。');
  return [...new Set([...units.keys()].filter((id) => organOf(id, units) === organ).map((id) => scopeOf(id, units, deps.rules)))].sort();
}

/**
 * /审定: every page of the scope's pools that are not yet confirmed, with the proposals refreshed
 * from the monthly results as they stand (the job may not have run, or ran before the last month
 * was graded).
 */
export async function openDeterminations(deps: CoreDeps, actor: Person, { scopeId, quarterKey }: { scopeId: string; quarterKey: string }): Promise<DeterminationView[]> {
  const units = await loadUnits(deps.db);
  assertDeterminer(actor, scopeId, units);
  const at = deps.clock.now();
  // Months graded or re-graded after the job ran (or when it has not run yet) are taken in.
  await deps.db.transaction().execute((trx) => proposeScopeQuarter(trx, deps.rules, scopeId, quarterKey, at, actor.openId));
  const views: DeterminationView[] = [];
  for (const pool of poolNames(deps.rules)) {
    const pages = await determinationPages(deps.db, deps.rules, units, { scopeId, quarterKey, pool });
    if (pages[0] && !pages[0].locked) views.push(...pages);
  }
  return views;
}
