import type { Kysely } from 'kysely';

/**
 * When a person joined (nobody owes a record or gets a grade for a period that ended before) and
 * until when they are on probation (试用期: their quarters are 不定等次 by default). Both are dates;
 * an empty joined_on means the day the person was first imported or synced (created_at).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('people').addColumn('joined_on', 'text').execute();
  await db.schema.alterTable('people').addColumn('probation_until', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('people').dropColumn('probation_until').execute();
  await db.schema.alterTable('people').dropColumn('joined_on').execute();
}
