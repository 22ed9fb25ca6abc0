import { hostname } from 'node:os';
import { alertCalendarGap } from '../core/calendar/calendar-alert.service';
import { isCalendarGap } from '../core/calendar/calendar-gap';
import { fixedClock } from '../core/clock';
import type { CoreDeps } from '../core/deps';
import { claimJobRun, DEFAULT_JOB_LEASE_MS, finishJobRun, findJobRun, renewJobRun } from '../db/job-runs.repository';
import type { JobDef } from './define-job';
import { withHeapRoom } from './heap-room';

export const INSTANCE_ID = `${hostname()}:${process.pid}`;

export type JobOutcome =
  | { status: 'not-due'; message: string }
  | { status: 'already-done'; periodKey: string; message: string }
  | { status: 'done'; periodKey: string; message: string }
  | { status: 'failed'; periodKey: string; message: string }
  /** The job needs a day of a year whose holiday schedule is missing: nothing was sent, it runs once the year is provided. */
  | { status: 'waiting'; periodKey: string | null; year: number; message: string };

export interface RunOptions {
  /** How long a claim lasts without renewal; renewed every third of it while the job runs. */
  leaseMs?: number;
}

/** Wall time for leases (a run's own instant may be elsewhere: `run-job --at`, the sandbox clock). */
const wallNow = () => new Date();

/**
 * Runs one job for the period due at `at`, at most once per (job, period) across restarts and
 * instances. The claim is leased and renewed while the job works: if this process dies, another
 * instance takes the run over once the lease has passed, and the job's idempotency keys make the
 * re-run send only what the first one had not queued.
 */
export async function runJob(appDeps: CoreDeps, job: JobDef, at: Date, opts: RunOptions = {}): Promise<JobOutcome> {
  const leaseMs = opts.leaseMs ?? DEFAULT_JOB_LEASE_MS;
  const deps: CoreDeps = { ...appDeps, clock: fixedClock(at) };
  let periodKey: string | null;
  try {
    periodKey = job.periodAt(deps);
  } catch (e) {
    if (isCalendarGap(e)) return waiting(deps, job, null, e.year, e.message);
    throw e;
  }
  if (!periodKey) return { status: 'not-due', message: `${job.name}: 此时没有需要执行的内容` };
  if (!(await claimJobRun(deps.db, job.name, periodKey, INSTANCE_ID, at, leaseMs, wallNow()))) {
    const run = await findJobRun(deps.db, job.name, periodKey);
    return { status: 'already-done', periodKey, message: `${job.name} ${periodKey}: 已执行过（${run?.status ?? '运行中'}），本次不重复发送` };
  }
  const key = periodKey;
  const heartbeat = setInterval(() => {
    renewJobRun(deps.db, job.name, key, INSTANCE_ID, wallNow(), leaseMs)
      .then((held) => {
        // Another instance took the run over (this one stalled past its lease): both finish safely, the keys de-duplicate.
        if (!held) deps.log.warn({ job: job.name, periodKey: key }, 'job lease lost to another instance');
      })
      .catch((e) => deps.log.warn({ err: e, job: job.name }, 'job lease not renewed'));
  }, Math.max(100, Math.floor(leaseMs / 3)));
  heartbeat.unref();
  try {
    const summary = await withHeapRoom(() => job.run(deps, key));
    clearInterval(heartbeat);
    await finishJobRun(deps.db, job.name, periodKey, 'done', summary, at);
    return { status: 'done', periodKey, message: `${job.name} ${periodKey}: ${summary}` };
  } catch (e) {
    clearInterval(heartbeat);
    const message = e instanceof Error ? e.message : String(e);
    // A failed run may be taken over, so a run that waited for the calendar is retried later.
    await finishJobRun(deps.db, job.name, periodKey, 'failed', message, at);
    if (isCalendarGap(e)) return waiting(deps, job, periodKey, e.year, message);
    deps.log.error({ err: e, job: job.name, periodKey }, 'job failed');
    return { status: 'failed', periodKey, message: `${job.name} ${periodKey}: 失败：${message}` };
  }
}

async function waiting(deps: CoreDeps, job: JobDef, periodKey: string | null, year: number, reason: string): Promise<JobOutcome> {
  deps.log.warn({ job: job.name, periodKey, year }, 'job waits for the holiday schedule');
  await alertCalendarGap(deps, year, job.name);
  return { status: 'waiting', periodKey, year, message: `${job.name}${periodKey ? ` ${periodKey}` : ''}: 暂停等待：${reason}` };
}
