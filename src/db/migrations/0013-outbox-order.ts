import type { Kysely } from 'kysely';

/** Messages to one recipient go out in the order they were queued: the claim looks for an earlier one still waiting. */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('outbox_recipient_order').on('outbox').columns(['receive_id', 'id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('outbox_recipient_order').ifExists().execute();
}
