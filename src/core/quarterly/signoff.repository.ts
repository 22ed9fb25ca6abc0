import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import type { PoolKey } from './results.repository';
import { groupBy } from '../group-by';

type Db = Kysely<Database>;

/** A determiner's confirmation of a pool that contains their own result (see confirmPool). */
export interface Signoff {
  signedBy: string;
  /** The pool revision confirmed; a later change makes it void. */
  revision: string;
  signedAt: string;
}

export async function findSignoffs(db: Db, pool: PoolKey): Promise<Signoff[]> {
  const rows = await db
    .selectFrom('quarter_signoffs')
    .selectAll()
    .where('scope_id', '=', pool.scopeId)
    .where('quarter_key', '=', pool.quarterKey)
    .where('pool', '=', pool.pool)
    .orderBy('signed_at')
    .execute();
  return rows.map(toSignoff);
}

/** Every pool's confirmations in a scope's quarter, by pool (each in the order findSignoffs reads). */
export async function findScopeSignoffs(db: Db, scopeId: string, quarterKey: string): Promise<Map<string, Signoff[]>> {
  const rows = await db.selectFrom('quarter_signoffs').selectAll().where('scope_id', '=', scopeId).where('quarter_key', '=', quarterKey).orderBy('signed_at').execute();
  return new Map([...groupBy(rows, (r) => r.pool)].map(([pool, signed]) => [pool, signed.map(toSignoff)]));
}

const toSignoff = (r: { signed_by: string; revision: string; signed_at: string }): Signoff => ({ signedBy: r.signed_by, revision: r.revision, signedAt: r.signed_at });

/** Records (or renews, for a newer revision) the actor's confirmation. */
export async function upsertSignoff(db: Db, pool: PoolKey, signedBy: string, revision: string, at: Date): Promise<void> {
  await db
    .insertInto('quarter_signoffs')
    .values({ scope_id: pool.scopeId, quarter_key: pool.quarterKey, pool: pool.pool, signed_by: signedBy, revision, signed_at: at.toISOString() })
    .onConflict((oc) => oc.columns(['scope_id', 'quarter_key', 'pool', 'signed_by']).doUpdateSet({ revision, signed_at: at.toISOString() }))
    .execute();
}

/** At the lock, only the confirmation that counted is kept (the card names it as the second signature). */
export async function clearSignoffsExcept(db: Db, pool: PoolKey, keep: string | null): Promise<void> {
  let q = db.deleteFrom('quarter_signoffs').where('scope_id', '=', pool.scopeId).where('quarter_key', '=', pool.quarterKey).where('pool', '=', pool.pool);
  if (keep) q = q.where('signed_by', '!=', keep);
  await q.execute();
}
