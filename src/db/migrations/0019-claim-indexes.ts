import type { Kysely } from 'kysely';

/**
 * Claims read in index order and stop after a few entries, however many rows wait behind Lark's
 * limits or were handled before (the old claims scanned and sorted them all): the outbox reads due
 * rows by (status, next_attempt_at, id) and checks each is the head of its recipient's queue by
 * (receive_id, status, id); the inbox reads pending events by (status, received_at, event_id).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('outbox_due').ifExists().execute();
  await db.schema.dropIndex('outbox_recipient_order').ifExists().execute();
  await db.schema.dropIndex('inbox_pending').ifExists().execute();
  await db.schema.createIndex('outbox_due').on('outbox').columns(['status', 'next_attempt_at', 'id']).execute();
  await db.schema.createIndex('outbox_recipient_queue').on('outbox').columns(['receive_id', 'status', 'id']).execute();
  await db.schema.createIndex('inbox_pending').on('inbox').columns(['status', 'received_at', 'event_id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('inbox_pending').ifExists().execute();
  await db.schema.dropIndex('outbox_recipient_queue').ifExists().execute();
  await db.schema.dropIndex('outbox_due').ifExists().execute();
  await db.schema.createIndex('inbox_pending').on('inbox').columns(['status', 'received_at']).execute();
  await db.schema.createIndex('outbox_due').on('outbox').columns(['status', 'next_attempt_at']).execute();
  await db.schema.createIndex('outbox_recipient_order').on('outbox').columns(['receive_id', 'id']).execute();
}
