import type { Kysely } from 'kysely';

/**
 * An organisation change that waits for its caller's confirmation (/同步 that would deactivate many
 * people, or people outside the caller's units): the source data it was computed from and the
 * fingerprint of the change set shown on the confirm card. Confirming re-computes the change set
 * from this data and the organisation as it is then, and refuses when it is no longer the one shown.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('org_change_holds')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('snapshot', 'text', (c) => c.notNull())
    .addColumn('fingerprint', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('applied_at', 'text')
    .execute();
  await db.schema.createIndex('org_change_holds_created').on('org_change_holds').column('created_at').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('org_change_holds').ifExists().execute();
}
