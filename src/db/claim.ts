import { performance } from 'node:perf_hooks';
import { sql, type Kysely, type SelectQueryBuilder } from 'kysely';
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
    const started = performance.now();
    const rows = (await db.updateTable(table).set(set).where(key, 'in', candidates.select(`${table}.${key}`).forUpdate().skipLocked()).returningAll().execute()) as R[];
    await statistics.refreshIfSlow(db, table, performance.now() - started);
    return rows;
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

/**
 * PostgreSQL plans a claim from the table's statistics. When they describe a queue that was empty
 * (a fresh table; a weekly prompt's 28,000 rows added to a table of sent ones, fewer than the 10 %
 * autovacuum waits for), it sorts every due row and checks each recipient's order for all of them,
 * ~250 ms a claim at 80,000 rows, instead of walking the due index to the first fifty (1 ms). A
 * claim slower than `slowMs` has the table analysed, at most once a minute per table and process.
 */
export class ClaimStatistics {
  private readonly lastRun = new Map<string, number>();

  constructor(
    public slowMs = 50,
    private readonly everyMs = 60_000,
  ) {}

  async refreshIfSlow(db: Kysely<any>, table: 'inbox' | 'outbox', elapsedMs: number): Promise<void> {
    const now = performance.now();
    if (elapsedMs < this.slowMs || now - (this.lastRun.get(table) ?? -Infinity) < this.everyMs) return;
    this.lastRun.set(table, now);
    // The claim has leased its rows already: a failed ANALYZE must not lose them (they would wait for the lease).
    await sql`analyze ${sql.table(table)}`.execute(db).catch(() => undefined);
  }
}

export const statistics = new ClaimStatistics();
