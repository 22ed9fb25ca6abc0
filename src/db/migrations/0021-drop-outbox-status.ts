import type { Kysely } from 'kysely';

/**
 * `outbox_status (status)` is the first column of `outbox_due (status, next_attempt_at, id)`, which
 * answers every query it did; keeping both cost an index update on each message queued and sent.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('outbox_status').ifExists().execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('outbox_status').ifNotExists().on('outbox').column('status').execute();
}
