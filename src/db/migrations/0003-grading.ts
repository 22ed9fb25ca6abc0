import type { Kysely } from 'kysely';
import { floatType } from './column-types';

export async function up(db: Kysely<any>): Promise<void> {
  const float = floatType(db);
  await db.schema
    .createTable('monthly_reviews')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('open_id', 'text', (c) => c.notNull())
    .addColumn('month_key', 'text', (c) => c.notNull())
    .addColumn('unit_id', 'text', (c) => c.notNull())
    .addColumn('level', 'text', (c) => c.notNull())
    .addColumn('reviewer_open_id', 'text')
    .addColumn('work_score', float)
    .addColumn('conduct_score', float)
    .addColumn('bonuses', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('deductions', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('bonus', float)
    .addColumn('deduction', float)
    .addColumn('total', float)
    .addColumn('suggested_tier', 'text')
    .addColumn('tier', 'text')
    .addColumn('override_reason', 'text')
    .addColumn('comment', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('revision', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('monthly_reviews_person_month', ['open_id', 'month_key'])
    .execute();

  await db.schema
    .createTable('quarter_results')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('open_id', 'text', (c) => c.notNull())
    .addColumn('quarter_key', 'text', (c) => c.notNull())
    .addColumn('unit_id', 'text', (c) => c.notNull())
    .addColumn('level', 'text', (c) => c.notNull())
    .addColumn('score', float)
    .addColumn('work', float)
    .addColumn('conduct', float)
    .addColumn('good_months', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('proposed_tier', 'text', (c) => c.notNull())
    .addColumn('tier', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('comment', 'text')
    .addColumn('confirmed_by', 'text')
    .addColumn('confirmed_at', 'text')
    .addColumn('feedback_at', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('quarter_results_person_quarter', ['open_id', 'quarter_key'])
    .execute();

  await db.schema
    .createTable('quarter_locks')
    .addColumn('unit_id', 'text', (c) => c.notNull())
    .addColumn('quarter_key', 'text', (c) => c.notNull())
    .addColumn('level', 'text', (c) => c.notNull())
    .addColumn('locked_by', 'text', (c) => c.notNull())
    .addColumn('locked_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('quarter_locks_pk', ['unit_id', 'quarter_key', 'level'])
    .execute();

  await db.schema
    .createTable('objections')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('open_id', 'text', (c) => c.notNull())
    .addColumn('quarter_key', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('answer', 'text')
    .addColumn('old_tier', 'text')
    .addColumn('new_tier', 'text')
    .addColumn('decided_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('decided_at', 'text')
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['objections', 'quarter_locks', 'quarter_results', 'monthly_reviews']) {
    await db.schema.dropTable(t).ifExists().execute();
  }
}
