import type { Kysely } from 'kysely';

/**
 * Assessment rules, round two (issue 10):
 * - quarter_results.scope_id / pool: the 好 quota is counted over the organ (or, by rule, the
 *   处室) and pools are level groups across it, so a result names the scope and pool it was
 *   determined in; unit_id stays the person's own unit. quarter_locks keep their columns, holding
 *   the scope id in unit_id and the pool name in level. Old rows were per 处室 × level.
 * - quarter_results.basis: how the proposal was reached (caps, too few months, probation), shown
 *   on the determination card.
 * - quarter_signoffs: a determiner who is in the pool confirms first; the pool locks only when
 *   someone else confirms the same state (nobody confirms their own tier alone).
 * - sanctions: 诫勉 / 处分 / 组织处理 with their 影响期, which bar annual 优秀.
 * - training_records.exam_result: the 结业考试 result an import may give; a failed exam does not count.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('quarter_results').addColumn('scope_id', 'text').execute();
  await db.schema.alterTable('quarter_results').addColumn('pool', 'text').execute();
  await db.schema.alterTable('quarter_results').addColumn('basis', 'text').execute();
  await db.updateTable('quarter_results').set((eb) => ({ scope_id: eb.ref('unit_id'), pool: eb.ref('level') })).execute();
  await db.schema.createIndex('quarter_results_scope_pool').on('quarter_results').columns(['scope_id', 'quarter_key', 'pool']).execute();

  await db.schema
    .createTable('quarter_signoffs')
    .addColumn('scope_id', 'text', (c) => c.notNull())
    .addColumn('quarter_key', 'text', (c) => c.notNull())
    .addColumn('pool', 'text', (c) => c.notNull())
    .addColumn('signed_by', 'text', (c) => c.notNull())
    .addColumn('revision', 'text', (c) => c.notNull())
    .addColumn('signed_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('quarter_signoffs_pk', ['scope_id', 'quarter_key', 'pool', 'signed_by'])
    .execute();

  await db.schema
    .createTable('sanctions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('open_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('start_date', 'text', (c) => c.notNull())
    .addColumn('end_date', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('sanctions_same').on('sanctions').columns(['open_id', 'kind', 'start_date', 'end_date']).unique().execute();

  await db.schema.alterTable('training_records').addColumn('exam_result', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('training_records').dropColumn('exam_result').execute();
  await db.schema.dropTable('sanctions').ifExists().execute();
  await db.schema.dropTable('quarter_signoffs').ifExists().execute();
  await db.schema.dropIndex('quarter_results_scope_pool').ifExists().execute();
  await db.schema.alterTable('quarter_results').dropColumn('basis').execute();
  await db.schema.alterTable('quarter_results').dropColumn('pool').execute();
  await db.schema.alterTable('quarter_results').dropColumn('scope_id').execute();
}
