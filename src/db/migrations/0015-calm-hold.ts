import type { Kysely } from 'kysely';

/**
 * A message that is not urgent and was queued outside working hours waits until `not_before` — a
 * domain instant (the next workday morning), compared with the app's clock rather than wall time,
 * so the sandbox's movable clock releases held messages as it passes them.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('outbox').addColumn('not_before', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('outbox').dropColumn('not_before').execute();
}
