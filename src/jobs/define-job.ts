import type { CoreDeps } from '../core/deps';

/**
 * A scheduled job. Cron only says when to look; `periodAt` decides what is due and the runner
 * claims (job, period) in the database, so a missed run is caught up and a re-run sends nothing.
 * Both get deps whose clock is fixed at the run's instant (`run-job --at` included).
 */
export interface JobDef {
  name: string;
  describe: string;
  /** node-cron expression (Asia/Shanghai) for when the scheduler looks. */
  cron: string;
  /** The period due at `deps.clock.now()`, or null when nothing is due (holiday, not the right day…). */
  periodAt(deps: CoreDeps): string | null;
  /** Does the work for one period; returns a one-line summary. Must be safe to re-run after a crash. */
  run(deps: CoreDeps, periodKey: string): Promise<string>;
}

export const defineJob = (def: JobDef): JobDef => def;
