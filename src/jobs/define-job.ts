import type { CoreDeps } from '../core/deps';

export interface JobDef {
  name: string;
  describe: string;
  /** node-cron expression (Asia/Shanghai) for when the scheduler looks; the job itself decides if anything is due. */
  cron: string;
  /** The period this instant's run belongs to, or null when nothing is due (holiday, not the right day…). */
  periodAt(deps: CoreDeps, at: Date): string | null;
  /** Does the work for one period; returns a one-line summary. Must be safe to re-run after a crash. */
  run(deps: CoreDeps, periodKey: string, at: Date): Promise<string>;
}

export const defineJob = (def: JobDef): JobDef => def;
