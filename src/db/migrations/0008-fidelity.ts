import type { Kysely } from 'kysely';
import { floatType } from './column-types';

/**
 * What the Feishu fidelity work needs in the database, so every process sharing it agrees:
 * - rate_events / rate_pauses / rate_lock: Lark's message limits (per app per second and minute,
 *   per recipient per second) counted across the server, CLI runs and other instances;
 * - inbound_messages: message ids already accepted, because Lark may push one message twice under
 *   two event ids; it also tells a reply which chat it goes to;
 * - outbox.failing_since: when the current run of failures began, so an outage is retried for a
 *   day before a message is given up; outbox.callback_token: a card callback's delayed-update token.
 * Times in milliseconds are doubles: exact for epoch ms, and read back as numbers on both drivers.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('rate_events')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('bucket', 'text', (c) => c.notNull())
    .addColumn('at_ms', floatType(db), (c) => c.notNull())
    .execute();
  await db.schema.createIndex('rate_events_bucket_at').on('rate_events').columns(['bucket', 'at_ms']).execute();

  await db.schema
    .createTable('rate_pauses')
    .addColumn('bucket', 'text', (c) => c.primaryKey())
    .addColumn('until_ms', floatType(db), (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('rate_lock')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('n', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.insertInto('rate_lock').values({ name: 'limiter', n: 0 }).execute();

  await db.schema
    .createTable('inbound_messages')
    .addColumn('message_id', 'text', (c) => c.primaryKey())
    .addColumn('event_id', 'text', (c) => c.notNull())
    .addColumn('chat_id', 'text', (c) => c.notNull())
    .addColumn('chat_type', 'text', (c) => c.notNull())
    .addColumn('open_id', 'text', (c) => c.notNull())
    .addColumn('received_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('inbound_messages_received').on('inbound_messages').column('received_at').execute();

  await db.schema.alterTable('outbox').addColumn('failing_since', 'text').execute();
  await db.schema.alterTable('outbox').addColumn('callback_token', 'text').execute();
  await db.schema.createIndex('outbox_status').on('outbox').column('status').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('outbox_status').ifExists().execute();
  await db.schema.alterTable('outbox').dropColumn('callback_token').execute();
  await db.schema.alterTable('outbox').dropColumn('failing_since').execute();
  for (const t of ['inbound_messages', 'rate_lock', 'rate_pauses', 'rate_events']) await db.schema.dropTable(t).ifExists().execute();
}
