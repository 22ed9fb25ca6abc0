import client from 'prom-client';

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
    outboxFailed: new client.Gauge({
      name: 'pingshi_outbox_failed',
      help: 'Messages not sent: status given_up (Lark unreachable for the whole retry period) or failed (refused); re-queue with `outbox retry`',
      labelNames: ['status'],
      registers: [registry],
    }),
    outboxGivenUp: new client.Counter({
      name: 'pingshi_outbox_given_up_total',
      help: 'Messages this process stopped trying to send, by reason (given_up, failed)',
      labelNames: ['reason'],
      registers: [registry],
    }),
    outboxDepth: new client.Gauge({
      name: 'pingshi_outbox_depth',
      help: 'Messages waiting to be sent',
      registers: [registry],
    }),
    jobRuns: new client.Counter({
      name: 'pingshi_job_runs_total',
      help: 'Scheduled job runs by job and result',
      labelNames: ['job', 'result'],
      registers: [registry],
    }),
  };
}

export type Metrics = ReturnType<typeof createMetrics>;
