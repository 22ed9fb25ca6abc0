import type { Kysely } from 'kysely';

/**
 * A card the worker builds when it sends the message rather than when it is queued (JSON naming the
 * card and its arguments; null for messages stored whole). The quarter close queues 1,500 pages of
 * determination cards for determiners it cannot reach faster than Lark's 1,000 a minute: built at
 * the close they were most of its writes and showed the pool as it stood minutes or hours earlier.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('outbox').addColumn('render', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('outbox').dropColumn('render').execute();
}
