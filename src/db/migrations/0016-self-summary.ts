import type { Kysely } from 'kysely';

/**
 * 个人小结: one row per person and period. `draft` is what 保存草稿 kept (it survives until
 * submitted); `content` and `submitted_at` are the submitted summary. `revision` counts every save
 * or submission, so a card built before another change is refused instead of overwriting it.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('self_summaries')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('open_id', 'text', (c) => c.notNull())
    .addColumn('period_key', 'text', (c) => c.notNull())
    .addColumn('unit_id', 'text', (c) => c.notNull())
    .addColumn('draft', 'text')
    .addColumn('draft_saved_at', 'text')
    .addColumn('content', 'text')
    .addColumn('submitted_at', 'text')
    .addColumn('revision', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('self_summaries_one', ['open_id', 'period_key'])
    .execute();
  await db.schema.createIndex('self_summaries_period').on('self_summaries').column('period_key').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('self_summaries').ifExists().execute();
}
