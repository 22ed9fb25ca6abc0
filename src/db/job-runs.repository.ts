import type { Kysely } from 'kysely';
import type { Database } from './schema';

type Db = Kysely<Database>;

const STALE_MS = 3600_000;

/** Claims (job, period) for this instance; false when it already ran or another instance is running it. */
export async function claimJobRun(db: Db, job: string, periodKey: string, instance: string, now: Date): Promise<boolean> {
  const at = now.toISOString();
  const inserted = await db
    .insertInto('job_runs')
    .values({ job, period_key: periodKey, status: 'running', instance, started_at: at, finished_at: null, detail: null })
    .onConflict((oc) => oc.columns(['job', 'period_key']).doNothing())
    .executeTakeFirst();
  if (Number(inserted.numInsertedOrUpdatedRows ?? 0) > 0) return true;
  // A failed run, or one whose instance died long ago, may be taken over.
  const stale = new Date(now.getTime() - STALE_MS).toISOString();
  const res = await db
    .updateTable('job_runs')
    .set({ status: 'running', instance, started_at: at, finished_at: null })
    .where('job', '=', job)
    .where('period_key', '=', periodKey)
    .where((eb) => eb.or([eb('status', '=', 'failed'), eb.and([eb('status', '=', 'running'), eb('started_at', '<', stale)])]))
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

export async function finishJobRun(db: Db, job: string, periodKey: string, status: 'done' | 'failed', detail: string, now: Date) {
  await db
    .updateTable('job_runs')
    .set({ status, detail: detail.slice(0, 2000), finished_at: now.toISOString() })
    .where('job', '=', job)
    .where('period_key', '=', periodKey)
    .execute();
}

export async function findJobRun(db: Db, job: string, periodKey: string) {
  return db.selectFrom('job_runs').selectAll().where('job', '=', job).where('period_key', '=', periodKey).executeTakeFirst();
}
