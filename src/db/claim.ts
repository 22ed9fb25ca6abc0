import { performance } from 'node:perf_hooks';
import { sql, type Kysely, type SelectQueryBuilder } from 'kysely';
import { isPostgres } from '../core/sql-dialect';

interface Leased {
  status: string;
  lease_until: string | null;
}

/**
 * Flips the candidate rows to `set.status` under a lease, in one statement: a row another claimer
 * took first is skipped. PostgreSQL locks the candidates `FOR UPDATE SKIP LOCKED`, so instances
 * polling at once take disjoint rows without waiting on each other. SQLite has one writer, so the
 * statement alone makes it atomic there (a select, then an update per row, let two rounds of one
 * process select the same rows, the second then claiming none). Rows come back in no particular
 * order.
 */
export async function claimRows<R extends Leased>(
  db: Kysely<any>,
  table: 'inbox' | 'outbox',
  key: 'event_id' | 'id',
  candidates: SelectQueryBuilder<any, any, object>,
  set: { status: string; lease_until: string },
): Promise<R[]> {
  const keys = candidates.select(`${table}.${key}`);
  if (!isPostgres(db)) return (await db.updateTable(table).set(set).where(key, 'in', keys).returningAll().execute()) as R[];
  const started = performance.now();
  const rows = (await db.updateTable(table).set(set).where(key, 'in', keys.forUpdate().skipLocked()).returningAll().execute()) as R[];
  await statistics.refreshIfSlow(db, table, performance.now() - started);
  return rows;
}

/**
 * PostgreSQL plans a claim from the table's statistics. When they describe a queue that was empty
 * (a fresh table; a weekly prompt's 28,000 rows added to a table of sent ones, fewer than the 10 %
 * autovacuum waits for), it sorts every due row and checks each recipient's order for all of them,
 * ~250 ms a claim at 80,000 rows, instead of walking the due index to the first fifty (1 ms). A
 * claim slower than `slowMs` has the table analysed, and so does a process that has queued
 * `growthRows` rows since: at most once a minute per table and process either way.
 */
export class ClaimStatistics {
  private readonly lastRun = new Map<string, number>();
  private readonly added = new Map<string, number>();

  constructor(
    public slowMs = 50,
    public everyMs = 60_000,
    private readonly growthRows = 1_000,
  ) {}

  async refreshIfSlow(db: Kysely<any>, table: 'inbox' | 'outbox', elapsedMs: number): Promise<void> {
    if (elapsedMs >= this.slowMs) await this.refresh(db, table);
  }

  /**
   * Rows were queued. Waiting for a slow claim cost the first claims of a fan-out: with 28,000 rows
   * just queued they took 220–450 ms each, two at once before the analysis came back (13 ms with
   * statistics taken after the first 1,000). Not inside a transaction: its rows are not visible yet.
   */
  async refreshAfterGrowth(db: Kysely<any>, table: 'inbox' | 'outbox', rows: number): Promise<void> {
    if (!isPostgres(db) || db.isTransaction) return;
    const added = (this.added.get(table) ?? 0) + rows;
    this.added.set(table, added);
    if (added >= this.growthRows) await this.refresh(db, table);
  }

  private async refresh(db: Kysely<any>, table: 'inbox' | 'outbox'): Promise<void> {
    const now = performance.now();
    if (now - (this.lastRun.get(table) ?? -Infinity) < this.everyMs) return;
    this.lastRun.set(table, now);
    this.added.set(table, 0);
    // The claim has leased its rows already: a failed ANALYZE must not lose them (they would wait for the lease).
    await sql`analyze ${sql.table(table)}`.execute(db).catch(() => undefined);
  }
}

export const statistics = new ClaimStatistics();
