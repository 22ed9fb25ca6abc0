import type { CoreDeps } from '../deps';
import type { CardJson, DeferredCard, DeferredCardRenderer } from '../ports';
import { determinationView, readPool, type PoolData } from './determination-view';
import { loadUnits, type UnitIndex } from './scope';

/**
 * How long a pool read for one page serves its other pages. A pool's pages go out a round apart
 * (one message per recipient per round), each page to each determiner, so a pool of ten pages is
 * read two or three times instead of twenty; a card is at most this much older than the data,
 * where the close's cards were as old as the close.
 */
export const POOL_FRESH_MS = 5_000;

type Read = { at: number; pool: Promise<{ units: UnitIndex; data: PoolData }> };

/**
 * Builds the cards queued as DeferredCard when the outbox worker sends them. `now` is the
 * sender's clock (it only ages the reads; the cards' content comes from the data).
 */
export function deferredCardRenderer(deps: Pick<CoreDeps, 'db' | 'rules' | 'cards'>, now: () => number, freshMs = POOL_FRESH_MS): DeferredCardRenderer {
  const reads = new Map<string, Read>();
  const poolOf = (d: DeferredCard) => {
    const at = now();
    for (const [key, read] of reads) if (at - read.at >= freshMs) reads.delete(key);
    const key = JSON.stringify([d.scopeId, d.quarterKey, d.pool]);
    let read = reads.get(key);
    if (!read) {
      const pool = (async () => {
        const units = await loadUnits(deps.db);
        return { units, data: await readPool(deps.db, deps.rules, units, { scopeId: d.scopeId, quarterKey: d.quarterKey, pool: d.pool }) };
      })();
      const fresh: Read = { at, pool };
      // A failed read is not kept: the row is retried later and reads again.
      pool.catch(() => reads.get(key) === fresh && reads.delete(key));
      reads.set(key, (read = fresh));
    }
    return read.pool;
  };
  return async (d: DeferredCard): Promise<CardJson | null> => {
    switch (d.card) {
      case 'quarter.determination': {
        const { units, data } = await poolOf(d);
        const view = await determinationView(deps.db, deps.rules, units, { scopeId: d.scopeId, quarterKey: d.quarterKey, pool: d.pool }, d.page, null, data);
        // A page beyond the pool as it stands (people left since the close) has nothing to show.
        return view && view.page === d.page ? deps.cards.quarterly.determination(view) : null;
      }
    }
  };
}
