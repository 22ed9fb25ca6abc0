import type { App } from '../app';
import { DomainError, invalidInput } from '../core/errors';
import { runJob } from '../jobs/runner';
import type { Io } from './define-importer';

/** Named in the contract; listed so `run-job` can say a job is not built yet rather than unknown. */
const PLANNED: Record<string, string> = {};

/** `run-job NAME [--at ISO-8601]`: one job now, as if at that instant (its clock is fixed there). */
export async function runJobCommand(app: App, name: string | undefined, atText: string | boolean | undefined, io: Io): Promise<number> {
  const job = name ? app.jobs.find((j) => j.name === name) : undefined;
  if (!job) {
    if (name && PLANNED[name]) throw new DomainError('NOT_BUILT', `任务 ${name}（${PLANNED[name]}）尚未实现。`);
    throw invalidInput(`请指定任务名：${app.jobs.map((j) => j.name).join(', ')}`);
  }
  const at = typeof atText === 'string' ? new Date(atText) : new Date();
  if (Number.isNaN(at.getTime())) throw invalidInput(`--at 不是有效的时间：${String(atText)}（示例：2026-11-20T15:00:00+08:00）`);
  const outcome = await runJob(app.deps, job, at);
  io.out.write(`${outcome.message}\n`);
  return outcome.status === 'failed' ? 1 : 0;
}
