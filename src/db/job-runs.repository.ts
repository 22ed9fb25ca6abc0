import type { Kysely } from 'kysely';
import type { Database } from './schema';

type Db = Kysely<Database>;

/** Without a lease (a row written before leases existed), a running claim is stale after an hour. */
const STALE_MS = 3600_000;
export const DEFAULT_JOB_LEASE_MS = 120_000;

/**
 * Claims (job, period) for this instance; false when it already ran or another instance holds it.
 * The insert is the claim (the primary key decides between instances racing for it); a failed run, or
 * a running one whose lease has passed (its instance died), may be taken over by a conditional update.
 */
export async function claimJobRun(db: Db, job: string, periodKey: string, instance: string, now: Date, leaseMs = DEFAULT_JOB_LEASE_MS, wallNow = new Date()): Promise<boolean> {
  const at = now.toISOString();
  // Leases run on wall time (as the outbox's do), whatever instant a run is for (`run-job --at`, the sandbox clock).
  const wall = wallNow.toISOString();
  const leaseUntil = new Date(wallNow.getTime() + leaseMs).toISOString();
  const inserted = await db
    .insertInto('job_runs')
    .values({ job, period_key: periodKey, status: 'running', instance, started_at: at, finished_at: null, detail: null, lease_until: leaseUntil })
    .onConflict((oc) => oc.columns(['job', 'period_key']).doNothing())
    .executeTakeFirst();
  if (Number(inserted.numInsertedOrUpdatedRows ?? 0) > 0) return true;
  const stale = new Date(now.getTime() - STALE_MS).toISOString();
  const res = await db
    .updateTable('job_runs')
    .set({ status: 'running', instance, started_at: at, finished_at: null, lease_until: leaseUntil })
    .where('job', '=', job)
    .where('period_key', '=', periodKey)
    .where((eb) =>
      eb.or([
        eb('status', '=', 'failed'),
        eb.and([eb('status', '=', 'running'), eb('lease_until', '<', wall)]),
        eb.and([eb('status', '=', 'running'), eb('lease_until', 'is', null), eb('started_at', '<', stale)]),
      ]),
    )
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

/** Extends the lease of a run this instance still holds; false when it lost it (another instance took over). */
export async function renewJobRun(db: Db, job: string, periodKey: string, instance: string, now: Date, leaseMs = DEFAULT_JOB_LEASE_MS): Promise<boolean> {
  const res = await db
    .updateTable('job_runs')
    .set({ lease_until: new Date(now.getTime() + leaseMs).toISOString() })
    .where('job', '=', job)
    .where('period_key', '=', periodKey)
    .where('instance', '=', instance)
    .where('status', '=', 'running')
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

export async function finishJobRun(db: Db, job: string, periodKey: string, status: 'done' | 'failed', detail: string, now: Date) {
  await db
    .updateTable('job_runs')
    .set({ status, detail: detail.slice(0, 2000), finished_at: now.toISOString(), lease_until: null })
    .where('job', '=', job)
    .where('period_key', '=', periodKey)
    .execute();
}

/** A clean shutdown gives back the runs it could not finish, so another instance takes them over at once. */
export async function releaseJobRuns(db: Db, instance: string, now: Date): Promise<number> {
  const res = await db
    .updateTable('job_runs')
    .set({ lease_until: new Date(now.getTime() - 1).toISOString() })
    .where('instance', '=', instance)
    .where('status', '=', 'running')
    .executeTakeFirst();
  return Number(res.numUpdatedRows);
}

/** Jobs with a run whose instance stopped renewing its lease (died): the scheduler takes them over. */
export async function jobsWithExpiredLeases(db: Db, now: Date): Promise<string[]> {
  const rows = await db
    .selectFrom('job_runs')
    .select('job')
    .distinct()
    .where('status', '=', 'running')
    .where('lease_until', '<', now.toISOString())
    .execute();
  return rows.map((r) => r.job);
}

export async function findJobRun(db: Db, job: string, periodKey: string) {
  return db.selectFrom('job_runs').selectAll().where('job', '=', job).where('period_key', '=', periodKey).executeTakeFirst();
}
