import type { Kysely } from 'kysely';
import { floatType } from './column-types';

/**
 * 民主测评 and 服务对象评价.
 * - peer_tallies: per period, ratee and item, how many answered and the sum of their points. An
 *   answer is added here and nowhere else, so once counted nothing links a score to its rater.
 * - peer_answered: which card pages a rater has cast in a period — no colleague, no score, no time,
 *   only what stops a second vote (core/peers/peer-answer.service.ts says why not a salted hash).
 * - service_ratings: the 好差评 counts and score per person and period, as imported (a re-import of
 *   a period replaces it).
 * - quarter_results gains the parts of a composed quarterly score, for the feedback card and ledger.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('peer_tallies')
    .addColumn('period_key', 'text', (c) => c.notNull())
    .addColumn('ratee_open_id', 'text', (c) => c.notNull())
    .addColumn('item', 'text', (c) => c.notNull())
    .addColumn('answers', 'integer', (c) => c.notNull())
    .addColumn('points', floatType(db), (c) => c.notNull())
    .addPrimaryKeyConstraint('peer_tallies_pk', ['period_key', 'ratee_open_id', 'item'])
    .execute();
  await db.schema
    .createTable('peer_answered')
    .addColumn('period_key', 'text', (c) => c.notNull())
    .addColumn('rater_open_id', 'text', (c) => c.notNull())
    .addColumn('page', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('peer_answered_pk', ['period_key', 'rater_open_id', 'page'])
    .execute();
  await db.schema
    .createTable('service_ratings')
    .addColumn('open_id', 'text', (c) => c.notNull())
    .addColumn('period_key', 'text', (c) => c.notNull())
    .addColumn('good', 'integer', (c) => c.notNull())
    .addColumn('bad', 'integer', (c) => c.notNull())
    .addColumn('score', floatType(db))
    .addColumn('import_id', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('service_ratings_pk', ['open_id', 'period_key'])
    .execute();
  await db.schema.createIndex('service_ratings_period').on('service_ratings').column('period_key').execute();
  await db.schema.alterTable('quarter_results').addColumn('leader_score', floatType(db)).execute();
  await db.schema.alterTable('quarter_results').addColumn('peer_score', floatType(db)).execute();
  await db.schema.alterTable('quarter_results').addColumn('peer_answers', 'integer').execute();
  await db.schema.alterTable('quarter_results').addColumn('service_adjustment', floatType(db)).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const col of ['service_adjustment', 'peer_answers', 'peer_score', 'leader_score']) {
    await db.schema.alterTable('quarter_results').dropColumn(col).execute();
  }
  for (const table of ['service_ratings', 'peer_answered', 'peer_tallies']) await db.schema.dropTable(table).ifExists().execute();
}
