import { sql, type Kysely } from 'kysely';
import { isPostgres } from '../../core/sql-dialect';

/**
 * What the ack path writes: events appended in arrival order with no unique key, so a group commit
 * of a burst touches only the table's last pages. Lark's event ids and message ids are random, and
 * checking them (the inbox's keys) dirtied a page per event per key; the inbox worker now admits
 * arrivals into the inbox in batches, de-duplicating there, and deletes them in the same transaction.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('inbox_arrivals')
    .addColumn('seq', isPostgres(db) ? sql`bigserial` : 'integer', (c) => c.primaryKey())
    .addColumn('event_id', 'text', (c) => c.notNull())
    .addColumn('event_type', 'text', (c) => c.notNull())
    .addColumn('payload', 'text', (c) => c.notNull())
    .addColumn('received_at', 'text', (c) => c.notNull())
    .addColumn('message_id', 'text')
    .addColumn('chat_id', 'text')
    .addColumn('chat_type', 'text')
    .addColumn('open_id', 'text')
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('inbox_arrivals').ifExists().execute();
}
