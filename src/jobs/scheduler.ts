import cron, { type ScheduledTask } from 'node-cron';
import type { CoreDeps } from '../core/deps';
import type { JobDef } from './define-job';
import { runJob, type JobOutcome } from './runner';

/**
 * Cron only decides when to look; each job decides what is due and claims it in the database,
 * so a restart catches up on a missed run and two instances never both send.
 */
export class Scheduler {
  private tasks: ScheduledTask[] = [];

  constructor(
    private readonly deps: CoreDeps,
    private readonly jobs: readonly JobDef[],
    private readonly onOutcome: (job: string, outcome: JobOutcome) => void = () => {},
  ) {}

  async start(): Promise<void> {
    for (const job of this.jobs) {
      this.tasks.push(cron.schedule(job.cron, () => void this.tick(job), { timezone: 'Asia/Shanghai', name: job.name }));
    }
    // Catch up on anything that became due while we were down.
    for (const job of this.jobs) await this.tick(job);
  }

  async stop(): Promise<void> {
    for (const t of this.tasks) await t.stop();
    this.tasks = [];
  }

  private async tick(job: JobDef): Promise<void> {
    try {
      const outcome = await runJob(this.deps, job, this.deps.clock.now());
      this.onOutcome(job.name, outcome);
      if (outcome.status === 'done' || outcome.status === 'failed') this.deps.log.info({ job: job.name, outcome }, outcome.message);
    } catch (e) {
      this.deps.log.error({ err: e, job: job.name }, 'scheduler tick failed');
    }
  }
}
