import cron from 'node-cron';
import { addDays, dayNumber, shanghaiDate, shanghaiInstant, weekdayOf } from '../core/calendar/periods';
import { fixedClock } from '../core/clock';
import type { CoreDeps } from '../core/deps';
import type { JobDef } from './define-job';
import { runJob, type JobOutcome } from './runner';

export interface TravelRun {
  job: JobDef;
  at: Date;
  outcome: JobOutcome;
}

export interface TravelHooks {
  /** Called before a job runs at `at`, so the rest of the app (and what it sends) is at that time too. */
  arrive(at: Date): void;
  /** Called after a job did something, so its messages go out before the next one runs. */
  settle(): Promise<void>;
}

/** A year of looks is ~35 000 instants per job: more than that in one move is a typo. */
export const MAX_TRAVEL_DAYS = 366;

/**
 * Lives through (from, to] the way the scheduler would have: at every instant a job's cron looks, the
 * job runs if its period changed since it last looked, in cron order and, at the same instant, in
 * the order of `jobs`. Each week's prompt and reminder therefore run in turn, not only the last one.
 */
export async function travel(deps: CoreDeps, jobs: readonly JobDef[], from: Date, to: Date, hooks: TravelHooks): Promise<TravelRun[]> {
  const runs: TravelRun[] = [];
  const lastPeriod = new Map<string, string>();
  const matchers = jobs.map((job) => ({ job, fields: cron.parse(job.cron) }));
  for (let day = shanghaiDate(from); dayNumber(day) <= dayNumber(shanghaiDate(to)); day = addDays(day, 1)) {
    for (const at of looksOn(day, matchers.map((m) => m.fields))) {
      if (at.instant <= from || at.instant > to) continue;
      for (const i of at.jobs) {
        const job = matchers[i]!.job;
        const period = job.periodAt({ ...deps, clock: fixedClock(at.instant) });
        if (!period || lastPeriod.get(job.name) === period) continue;
        lastPeriod.set(job.name, period);
        hooks.arrive(at.instant);
        const outcome = await runJob(deps, job, at.instant);
        if (outcome.status === 'done' || outcome.status === 'failed') {
          runs.push({ job, at: at.instant, outcome });
          await hooks.settle();
        }
      }
    }
  }
  return runs;
}

type CronFields = ReturnType<typeof cron.parse>;

/** The instants of `day` (Asia/Shanghai) at which any of the crons looks, earliest first, with which. */
function looksOn(day: string, crons: CronFields[]): Array<{ instant: Date; jobs: number[] }> {
  const [, month, dom] = day.split('-').map(Number) as [number, number, number];
  const dow = weekdayOf(day) % 7;
  const byMinute = new Map<number, number[]>();
  crons.forEach((f, i) => {
    if (!f.month.includes(month) || !f.dayOfMonth.includes(dom) || !f.dayOfWeek.includes(dow)) return;
    for (const h of f.hour) for (const m of f.minute) byMinute.set(h * 60 + m, [...(byMinute.get(h * 60 + m) ?? []), i]);
  });
  return [...byMinute.entries()]
    .sort(([a], [b]) => a - b)
    .map(([minute, jobs]) => ({ instant: shanghaiInstant(day, `${pad(Math.floor(minute / 60))}:${pad(minute % 60)}`), jobs }));
}

const pad = (n: number) => String(n).padStart(2, '0');
