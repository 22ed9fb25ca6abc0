import { hostname } from 'node:os';
import { fixedClock } from '../core/clock';
import type { CoreDeps } from '../core/deps';
import { claimJobRun, finishJobRun, findJobRun } from '../db/job-runs.repository';
import type { JobDef } from './define-job';

export const INSTANCE_ID = `${hostname()}:${process.pid}`;

export type JobOutcome =
  | { status: 'not-due'; message: string }
  | { status: 'already-done'; periodKey: string; message: string }
  | { status: 'done'; periodKey: string; message: string }
  | { status: 'failed'; periodKey: string; message: string };

/** Runs one job for the period due at `at`, at most once per (job, period) across restarts and instances. */
export async function runJob(appDeps: CoreDeps, job: JobDef, at: Date): Promise<JobOutcome> {
  const deps: CoreDeps = { ...appDeps, clock: fixedClock(at) };
  const periodKey = job.periodAt(deps);
  if (!periodKey) return { status: 'not-due', message: `${job.name}: 此时没有需要执行的内容` };
  if (!(await claimJobRun(deps.db, job.name, periodKey, INSTANCE_ID, at))) {
    const run = await findJobRun(deps.db, job.name, periodKey);
    return { status: 'already-done', periodKey, message: `${job.name} ${periodKey}: 已执行过（${run?.status ?? '运行中'}），本次不重复发送` };
  }
  try {
    const summary = await job.run(deps, periodKey);
    await finishJobRun(deps.db, job.name, periodKey, 'done', summary, at);
    return { status: 'done', periodKey, message: `${job.name} ${periodKey}: ${summary}` };
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    deps.log.error({ err: e, job: job.name, periodKey }, 'job failed');
    await finishJobRun(deps.db, job.name, periodKey, 'failed', message, at);
    return { status: 'failed', periodKey, message: `${job.name} ${periodKey}: 失败：${message}` };
  }
}
