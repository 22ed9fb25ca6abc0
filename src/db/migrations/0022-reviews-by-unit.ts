import type { Kysely } from 'kysely';

/**
 * Monthly reviews by unit and month: a scope's quarter (a 确认审定 click, /审定) finds who was
 * reviewed in its units without reading the whole city's quarter (84,000 rows at 28,000 people).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('monthly_reviews_unit_month').ifNotExists().on('monthly_reviews').columns(['unit_id', 'month_key']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('monthly_reviews_unit_month').ifExists().execute();
}
