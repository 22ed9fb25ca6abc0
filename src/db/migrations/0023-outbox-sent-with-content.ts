import { sql, type Kysely } from 'kysely';

/**
 * Messages whose card or text is still stored, by status and when they went out: the
 * outbox-compact job finds the old sent ones without walking every message ever sent. Partial, so
 * a row leaves it once its content is cleared; the query must say `content <> ''` as a literal to
 * use it (a bound parameter cannot prove the index's condition). Status leads, as in outbox_due, so
 * SQLite without statistics still prefers this index (two constraints and the order, against one).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create index if not exists outbox_sent_with_content on outbox (status, sent_at) where content <> ''`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('outbox_sent_with_content').ifExists().execute();
}
