import { sql, type Kysely } from 'kysely';

/**
 * 季审定 lookups by pool, and "one open objection per person" enforced by the database so two
 * /异议 messages processed at once cannot both be filed. Partial unique indexes exist on both
 * SQLite and PostgreSQL.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createIndex('quarter_results_pool')
    .on('quarter_results')
    .columns(['unit_id', 'quarter_key', 'level'])
    .execute();
  await db.schema.createIndex('objections_person').on('objections').columns(['open_id', 'quarter_key']).execute();
  await db.schema
    .createIndex('objections_one_open')
    .on('objections')
    .column('open_id')
    .unique()
    .where(sql.ref('status'), '=', sql.lit('open'))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const name of ['objections_one_open', 'objections_person', 'quarter_results_pool']) {
    await db.schema.dropIndex(name).ifExists().execute();
  }
}
