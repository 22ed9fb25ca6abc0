import type { App } from '../app';
import { upcomingMilestones } from '../core/calendar/milestones';
import { formatPeriodLabel, isPeriodKey, shanghaiDate, shanghaiTime, weekdayOf } from '../core/calendar/periods';
import type { MovableClock } from '../core/clock';
import { wipeAllRows } from '../db/wipe';
import { MAX_TRAVEL_DAYS, travel, type TravelRun } from '../jobs/time-travel';
import { ConsoleRefusal, type ClockRun, type ClockTarget, type ConsoleHooks } from '../sandbox/console/hooks';

/** When “下一个工作日” starts; a console convenience, not an assessment rule. */
const WORKDAY_START = '09:00';
/** Backups follow the wall clock: a copy of the sandbox database per simulated day would only fill the disk. */
const WALL_CLOCK_JOBS = new Set(['backup']);
/** How long a clock move waits for one job's messages to go out before it goes on. */
const SETTLE_MS = 15_000;

export interface SandboxConsoleOptions {
  /** Where the clock starts again after a reset. */
  start(): Date;
  /** Puts the demo organisation into an empty database. */
  seed(): Promise<void>;
}

/** The console's clock bar and reset, over the app that serve runs against the sandbox. */
export function sandboxConsoleHooks(app: App, clock: MovableClock, opts: SandboxConsoleOptions): ConsoleHooks {
  let queue: Promise<unknown> = Promise.resolve();
  // One move or reset at a time: a second click waits for the first to finish.
  const serially = <T>(work: () => Promise<T>): Promise<T> => {
    const next = queue.then(work, work);
    queue = next.catch(() => undefined);
    return next;
  };
  const settle = () => app.settle(SETTLE_MS).catch((e: unknown) => app.log.warn({ err: e }, 'sandbox console: messages still queued'));
  const jobs = app.jobs.filter((j) => !WALL_CLOCK_JOBS.has(j.name));

  return {
    now: () => clock.now(),
    targets: () => clockTargets(app, clock.now()),
    settle,
    moveTo: (to) =>
      serially(async () => {
        const from = clock.now();
        if (!(to > from)) throw new ConsoleRefusal(`沙箱时钟只能往后拨：现在已是 ${dayLabel(from)} ${shanghaiTime(from)}。如需从头开始，请点“重置”。`);
        if (to.getTime() - from.getTime() > MAX_TRAVEL_DAYS * 86_400_000) throw new ConsoleRefusal(`一次最多往后拨 ${MAX_TRAVEL_DAYS} 天，请分几次拨。`);
        const runs = await travel(app.deps, jobs, from, to, { arrive: (at) => clock.advanceTo(at), settle });
        const now = clock.advanceTo(to);
        await settle();
        return { now: now.toISOString(), runs: runs.map(describeRun) };
      }),
    reset: () =>
      serially(async () => {
        await settle();
        await wipeAllRows(app.store);
        clock.restart(opts.start());
        await opts.seed();
      }),
  };
}

function clockTargets(app: App, now: Date): ClockTarget[] {
  const m = upcomingMilestones(now, app.deps.calendar, app.deps.rules, WORKDAY_START);
  const target = (label: string, hint: string, at: Date): ClockTarget => ({ label, hint, at: at.toISOString() });
  const out = [target(`下一个工作日 ${WORKDAY_START}`, dayLabel(m.nextWorkday), m.nextWorkday)];
  if (m.weeklyPrompt) {
    const at = m.weeklyPrompt.at;
    out.push(target(`下一个${WEEKDAYS[weekdayOf(shanghaiDate(at))]} ${shanghaiTime(at)}`, `周记填写提醒 · ${dayLabel(at)}`, at));
  }
  if (m.weeklyReminder) {
    const at = m.weeklyReminder.at;
    out.push(target(`下周第一个工作日 ${shanghaiTime(at)}`, `周记补交提醒与主管汇总 · ${dayLabel(at)}`, at));
  }
  const { monthlyReview: mr, quarterClose: qc } = m;
  out.push(target(`下月第一个工作日 ${shanghaiTime(mr.at)}`, `${formatPeriodLabel(mr.monthKey)}月度评鉴 · ${dayLabel(mr.at)}`, mr.at));
  out.push(target(`季度审定日 ${shanghaiTime(qc.at)}`, `${formatPeriodLabel(qc.quarterKey)}审定 · ${dayLabel(qc.at)}`, qc.at));
  return out;
}

function describeRun({ job, at, outcome }: TravelRun): ClockRun {
  const period = ('periodKey' in outcome ? outcome.periodKey : null) ?? '';
  // The runner's message starts “job period: ”; the console shows the job's title and period instead.
  const prefix = `${job.name} ${period}: `;
  return {
    job: job.name,
    title: job.describe,
    period: isPeriodKey(period) ? formatPeriodLabel(period) : period,
    at: at.toISOString(),
    summary: outcome.message.startsWith(prefix) ? outcome.message.slice(prefix.length) : outcome.message,
    failed: outcome.status === 'failed',
  };
}

const WEEKDAYS = ['', '周一', '周二', '周三', '周四', '周五', '周六', '周日'];

/** 6月12日 周五 */
function dayLabel(at: Date): string {
  const date = shanghaiDate(at);
  const [, m, d] = date.split('-');
  return `${Number(m)}月${Number(d)}日 ${WEEKDAYS[weekdayOf(date)]}`;
}
