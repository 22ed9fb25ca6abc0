import cron, { type ScheduledTask } from 'node-cron';
import type { CoreDeps } from '../core/deps';
import { DEFAULT_JOB_LEASE_MS, jobsWithExpiredLeases, releaseJobRuns } from '../db/job-runs.repository';
import type { JobDef } from './define-job';
import { INSTANCE_ID, runJob, type JobOutcome } from './runner';

export interface SchedulerOptions {
  /** How long a job claim lasts unless renewed; also how often this instance looks for claims a dead instance left. */
  leaseMs?: number;
}

/**
 * Cron only decides when to look; each job decides what is due and claims it in the database,
 * so a restart catches up on a missed run and two instances never both send. Between looks, each
 * instance checks for runs whose instance stopped renewing the lease (it died) and takes them over.
 */
export class Scheduler {
  private tasks: ScheduledTask[] = [];
  private sweep: NodeJS.Timeout | null = null;
  private readonly inFlight = new Set<Promise<void>>();
  private readonly running = new Set<string>();
  private stopped = false;
  private readonly leaseMs: number;

  constructor(
    private readonly deps: CoreDeps,
    private readonly jobs: readonly JobDef[],
    private readonly onOutcome: (job: string, outcome: JobOutcome) => void = () => {},
    opts: SchedulerOptions = {},
  ) {
    this.leaseMs = opts.leaseMs ?? DEFAULT_JOB_LEASE_MS;
  }

  start(): void {
    this.stopped = false;
    for (const job of this.jobs) {
      this.tasks.push(cron.schedule(job.cron, () => void this.tick(job), { timezone: 'Asia/Shanghai', name: job.name }));
    }
    this.sweep = setInterval(() => void this.takeOverAbandoned(), Math.max(200, Math.floor(this.leaseMs / 2)));
    this.sweep.unref();
    // Catch up on anything that became due while we were down, beside serving (a run may be long).
    void (async () => {
      for (const job of this.jobs) await this.tick(job);
    })();
  }

  /**
   * Stops looking, waits up to `graceMs` for the jobs this instance is running, then gives back the
   * claims of any still unfinished so another instance takes them over at once.
   */
  async stop(graceMs = 20_000): Promise<void> {
    this.stopped = true;
    for (const t of this.tasks) await t.stop();
    this.tasks = [];
    if (this.sweep) clearInterval(this.sweep);
    this.sweep = null;
    if (this.inFlight.size > 0) {
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<void>((r) => (timer = setTimeout(r, graceMs)));
      await Promise.race([Promise.allSettled([...this.inFlight]), timeout]);
      clearTimeout(timer);
    }
    if (this.inFlight.size > 0) {
      const n = await releaseJobRuns(this.deps.db, INSTANCE_ID, new Date());
      this.deps.log.warn({ jobs: [...this.running], released: n }, 'stopping with jobs unfinished: their claims are released for another instance');
    }
  }

  private async takeOverAbandoned(): Promise<void> {
    if (this.stopped) return;
    try {
      const names = await jobsWithExpiredLeases(this.deps.db, new Date());
      for (const job of this.jobs.filter((j) => names.includes(j.name))) await this.tick(job);
    } catch (e) {
      this.deps.log.error({ err: e }, 'scheduler could not look for abandoned job runs');
    }
  }

  private tick(job: JobDef): Promise<void> {
    // One run of a job at a time in this instance; the database keeps other instances out.
    if (this.stopped || this.running.has(job.name)) return Promise.resolve();
    this.running.add(job.name);
    const p = this.runOnce(job).finally(() => {
      this.running.delete(job.name);
      this.inFlight.delete(p);
    });
    this.inFlight.add(p);
    return p;
  }

  private async runOnce(job: JobDef): Promise<void> {
    try {
      const outcome = await runJob(this.deps, job, this.deps.clock.now(), { leaseMs: this.leaseMs });
      this.onOutcome(job.name, outcome);
      if (outcome.status === 'done' || outcome.status === 'failed') this.deps.log.info({ job: job.name, outcome }, outcome.message);
    } catch (e) {
      this.deps.log.error({ err: e, job: job.name }, 'scheduler tick failed');
    }
  }
}
