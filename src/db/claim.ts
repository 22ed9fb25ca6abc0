import type { Kysely, SelectQueryBuilder } from 'kysely';
import { isPostgres } from '../core/sql-dialect';

interface Leased {
  status: string;
  lease_until: string | null;
}

/**
 * Flips the candidate rows to `set.status` under a lease; a row another instance claimed first is
 * skipped. PostgreSQL claims in one statement with `FOR UPDATE SKIP LOCKED`, so instances polling
 * at once take disjoint rows without waiting on each other; SQLite has one writer, and a
 * conditional update per row is the claim there. Rows come back in no particular order.
 */
export async function claimRows<R extends Leased>(
  db: Kysely<any>,
  table: 'inbox' | 'outbox',
  key: 'event_id' | 'id',
  candidates: SelectQueryBuilder<any, any, object>,
  set: { status: string; lease_until: string },
): Promise<R[]> {
  if (isPostgres(db)) {
    return (await db.updateTable(table).set(set).where(key, 'in', candidates.select(`${table}.${key}`).forUpdate().skipLocked()).returningAll().execute()) as R[];
  }
  const claimed: R[] = [];
  for (const row of (await candidates.selectAll().execute()) as R[]) {
    const res = await db
      .updateTable(table)
      .set(set)
      .where(key, '=', (row as Record<string, unknown>)[key])
      .where('status', '=', row.status)
      .where((eb) => (row.lease_until === null ? eb('lease_until', 'is', null) : eb('lease_until', '=', row.lease_until)))
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) === 1) claimed.push({ ...row, ...set });
  }
  return claimed;
}
