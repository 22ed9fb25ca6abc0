import type { Kysely } from 'kysely';
import { floatType } from './column-types';

/**
 * 评优评差: imported indicator values per unit and period (a re-import of a period replaces it), the
 * rankings (one per period and scope, drafted by the job, adjusted by the city admin) and every
 * version published (what the announcements, /排名 and the ledger show).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('unit_indicator_values')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('unit_id', 'text', (c) => c.notNull())
    .addColumn('period_key', 'text', (c) => c.notNull())
    .addColumn('indicator', 'text', (c) => c.notNull())
    .addColumn('value', floatType(db), (c) => c.notNull())
    .addColumn('import_id', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('unit_indicator_values_one', ['unit_id', 'period_key', 'indicator'])
    .execute();
  await db.schema.createIndex('unit_indicator_values_period').on('unit_indicator_values').column('period_key').execute();

  await db.schema
    .createTable('unit_rankings')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('period_key', 'text', (c) => c.notNull())
    .addColumn('scope', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('revision', 'integer', (c) => c.notNull())
    .addColumn('doc', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('unit_rankings_one', ['period_key', 'scope'])
    .execute();

  await db.schema
    .createTable('unit_ranking_publications')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('ranking_id', 'text', (c) => c.notNull())
    .addColumn('period_key', 'text', (c) => c.notNull())
    .addColumn('scope', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('doc', 'text', (c) => c.notNull())
    .addColumn('published_by', 'text', (c) => c.notNull())
    .addColumn('published_at', 'text', (c) => c.notNull())
    .addColumn('announce_after', 'text', (c) => c.notNull())
    .addColumn('announced_at', 'text')
    .addUniqueConstraint('unit_ranking_publications_one', ['ranking_id', 'version'])
    .execute();
  await db.schema.createIndex('unit_ranking_publications_period').on('unit_ranking_publications').columns(['period_key', 'scope']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['unit_ranking_publications', 'unit_rankings', 'unit_indicator_values']) {
    await db.schema.dropTable(table).ifExists().execute();
  }
}
