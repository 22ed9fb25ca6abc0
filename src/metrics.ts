import client from 'prom-client';
import { shanghaiDate } from './core/calendar/periods';
import type { WorkCalendar } from './core/calendar/work-calendar';
import type { Clock } from './core/clock';
import { CLOCK_TOLERANCE_MS } from './lark/limiter-clock';

/** One registry per app instance, so tests that boot several apps don't collide. */
export function createMetrics() {
  const registry = new client.Registry();
  client.collectDefaultMetrics({ register: registry });
  return {
    registry,
    requests: new client.Counter({
      name: 'pingshi_http_requests_total',
      help: 'Inbound HTTP requests by route and outcome',
      labelNames: ['route', 'outcome'],
      registers: [registry],
    }),
    eventLag: new client.Histogram({
      name: 'pingshi_event_lag_seconds',
      help: 'Seconds between an event being created by Lark and being processed',
      buckets: [0.1, 0.5, 1, 3, 10, 60, 600],
      registers: [registry],
    }),
    outboxSent: new client.Counter({
      name: 'pingshi_outbox_sent_total',
      help: 'Outbound messages by result',
      labelNames: ['result'],
      registers: [registry],
    }),
    outboxGivenUp: new client.Counter({
      name: 'pingshi_outbox_given_up_total',
      help: 'Messages this process stopped trying to send, by reason (given_up, failed)',
      labelNames: ['reason'],
      registers: [registry],
    }),
    jobRuns: new client.Counter({
      name: 'pingshi_job_runs_total',
      help: 'Scheduled job runs by job and result',
      labelNames: ['job', 'result'],
      registers: [registry],
    }),
    jobsWaiting: new client.Gauge({
      name: 'pingshi_job_waiting_for_calendar',
      help: 'The year whose missing holiday schedule a job waits for; 0 when it does not wait',
      labelNames: ['job'],
      registers: [registry],
    }),
  };
}

/** `pingshi_calendar_year_ready{year}`: this year's and next year's holiday schedule, 1 when both holidays and make-up days are known. */
export function registerCalendarReadiness(metrics: ReturnType<typeof createMetrics>, calendar: WorkCalendar, clock: Clock): void {
  new client.Gauge({
    name: 'pingshi_calendar_year_ready',
    help: 'Whether the official holiday and make-up workday schedule of the year is known',
    labelNames: ['year'],
    registers: [metrics.registry],
    collect() {
      const year = Number(shanghaiDate(clock.now()).slice(0, 4));
      for (const y of [year, year + 1]) this.set({ year: String(y) }, calendar.hasDataForYear(y) ? 1 : 0);
    },
  });
}

export type Metrics = ReturnType<typeof createMetrics>;

/**
 * `pingshi_inbox_pending`: events received and not processed yet, read from the database when scraped,
 * so every instance reports the same cluster-wide figure (do not sum it across instances).
 */
export function registerInboxPending(metrics: ReturnType<typeof createMetrics>, pending: () => Promise<number>): void {
  new client.Gauge({
    name: 'pingshi_inbox_pending',
    help: 'Inbound events received but not processed yet (all instances together)',
    registers: [metrics.registry],
    async collect() {
      this.set(await pending().catch(() => -1));
    },
  });
}

/**
 * `pingshi_clock_offset_ms`: this host's clock against the database server's, read when scraped
 * (PostgreSQL only). The instances share Lark's limits on their own clocks; see CLOCK_TOLERANCE_MS.
 */
export function registerClockOffset(metrics: Metrics, read: () => Promise<{ offsetMs: number } | null>): void {
  new client.Gauge({
    name: 'pingshi_clock_offset_ms',
    help: `This host's clock minus the database server's, in ms; keep every instance within ${CLOCK_TOLERANCE_MS} ms (NTP)`,
    registers: [metrics.registry],
    async collect() {
      // A failed reading shows NaN: the last value would claim an offset nobody measured.
      const o = await read().catch(() => null);
      this.set(o ? o.offsetMs : Number.NaN);
    },
  });
}

/**
 * `pingshi_outbox_depth` and `pingshi_outbox_failed{status}`, read from the database when scraped
 * (cluster-wide, like the inbox's; counting them on every send was a tenth of a fan-out's time).
 */
export function registerOutboxBacklog(metrics: Metrics, read: { depth: () => Promise<number>; final: () => Promise<{ failed: number; givenUp: number }> }): void {
  new client.Gauge({
    name: 'pingshi_outbox_depth',
    help: 'Messages waiting to be sent (all instances together)',
    registers: [metrics.registry],
    async collect() {
      this.set(await read.depth().catch(() => -1));
    },
  });
  new client.Gauge({
    name: 'pingshi_outbox_failed',
    help: 'Messages not sent: status given_up (Lark unreachable for the whole retry period) or failed (refused); re-queue with `outbox retry`',
    labelNames: ['status'],
    registers: [metrics.registry],
    async collect() {
      const final = await read.final().catch(() => ({ failed: -1, givenUp: -1 }));
      this.set({ status: 'failed' }, final.failed);
      this.set({ status: 'given_up' }, final.givenUp);
    },
  });
}
