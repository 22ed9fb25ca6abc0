import type { Kysely } from 'kysely';

/**
 * A job run is held under a lease that its instance renews while it works: when the instance dies,
 * another one takes the run over once the lease has passed (rather than after an hour), and one that
 * shuts down cleanly gives the lease back at once.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('job_runs').addColumn('lease_until', 'text').execute();
  await db.schema.createIndex('job_runs_running').on('job_runs').columns(['status', 'lease_until']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('job_runs_running').execute();
  await db.schema.alterTable('job_runs').dropColumn('lease_until').execute();
}
