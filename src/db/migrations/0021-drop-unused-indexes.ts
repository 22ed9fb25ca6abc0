import type { Kysely } from 'kysely';

/**
 * Indexes no query uses any more, each costing an update on every row written:
 * - `outbox_status (status)` is the first column of `outbox_due (status, next_attempt_at, id)`,
 *   which answers every query it did (one index fewer per message queued and sent);
 * - `quarter_results_pool (unit_id, quarter_key, level)` served the per-unit pools of before
 *   migration 0011; pools are found by `quarter_results_scope_pool` now (a fifth of a quarter
 *   close's insert time for 28,000 proposals).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('outbox_status').ifExists().execute();
  await db.schema.dropIndex('quarter_results_pool').ifExists().execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('outbox_status').ifNotExists().on('outbox').column('status').execute();
  await db.schema.createIndex('quarter_results_pool').ifNotExists().on('quarter_results').columns(['unit_id', 'quarter_key', 'level']).execute();
}
