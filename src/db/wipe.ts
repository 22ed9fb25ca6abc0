import { sql } from 'kysely';
import type { Store } from './connect';

/**
 * Deletes every row of every table except the migrations' bookkeeping, in one transaction: the
 * sandbox's reset. Tables are read from the database, so tables added later are emptied too.
 */
export async function wipeAllRows(store: Store): Promise<string[]> {
  let schema: string | undefined;
  if (store.dialect === 'postgres') {
    const { rows } = await sql<{ s: string }>`select current_schema() as s`.execute(store.db);
    schema = rows[0]?.s;
  }
  const tables = (await store.db.introspection.getTables()).filter((t) => !t.isView && (!schema || t.schema === schema)).map((t) => t.name);
  await store.db.transaction().execute(async (trx) => {
    for (const name of tables) await sql`delete from ${sql.table(name)}`.execute(trx);
  });
  return tables;
}
