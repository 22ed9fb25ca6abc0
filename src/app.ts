import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from 'pino';
import { renderUnrecognized } from '../cards/help.card';
import type { CommandDef } from '../commands/define-command';
import { helpCommand } from '../commands/help.command';
import type { ImporterDef } from './cli/define-importer';
import type { Config } from './config/env';
import type { CardPorts } from './core/card-ports';
import type { Rules } from './core/rules/rules';
import { calmTime } from './core/calendar/calm';
import { createWorkCalendar } from './core/calendar/work-calendar';
import { MovableClock, systemClock, type Clock } from './core/clock';
import type { CoreDeps } from './core/deps';
import type { Directory } from './core/ports';
import { migrateToLatest, openStore, pingDatabase, type Store } from './db/connect';
import { outboxMessenger } from './db/outbox.repository';
import { Dispatcher } from './dispatch/dispatcher';
import { InboxWorker } from './dispatch/inbox-worker';
import { createIntake } from './dispatch/intake';
import type { Ledger } from './exports/ledger';
import { allFeatures } from './features';
import type { Feature } from './features/feature';
import { createHttpApp, listenHttp } from './http/server';
import { createLogger } from './io/log';
import { secretsOf } from './io/redact';
import type { JobDef } from './jobs/define-job';
import { runJob, type JobOutcome } from './jobs/runner';
import { Scheduler } from './jobs/scheduler';
import { LarkApi } from './lark/lark-api';
import { OutboxWorker } from './lark/outbox-worker';
import { IngestFirst } from './workers/ingest-first';
import { createMetrics, registerCalendarReadiness, registerClockOffset, registerInboxPending, type Metrics } from './metrics';
import { clockOffsetFromDatabase, clockTooFar, CLOCK_TOLERANCE_MS, describeOffset } from './lark/limiter-clock';
import { pendingEventCount } from './db/inbox.repository';
import { deferredCardRenderer } from './core/quarterly/deferred-cards';
import type { DeferredCardRenderer } from './core/ports';

export interface AppOptions {
  config: Config;
  rules: Rules;
  clock?: Clock;
  store?: Store;
  log?: Logger;
  /** Tests may swap the contact directory; by default it is the Lark contact API. */
  directory?: Directory;
  /** Start the inbox/outbox workers (default true). The CLI turns them off for one-shot commands. */
  workers?: boolean;
  /** What the bot does; every feature by default. */
  features?: readonly Feature[];
}

/** The composition root: builds every part once and owns start/stop. */
export class App {
  readonly deps: CoreDeps;
  readonly dispatcher: Dispatcher;
  readonly outbox: OutboxWorker;
  readonly inbox: InboxWorker;
  readonly api: LarkApi;
  readonly metrics: Metrics;
  readonly log: Logger;
  readonly commands: readonly CommandDef[];
  readonly jobs: readonly JobDef[];
  readonly ledgers: readonly Ledger[];
  readonly importers: readonly ImporterDef[];
  private readonly workers: boolean;
  private server: Server | null = null;
  private scheduler: Scheduler | null = null;
  private intake: ReturnType<typeof createIntake> | null = null;
  private botOpenId: string | null = null;
  /** Builds the cards queued to be built when sent (the outbox worker's). */
  readonly renderDeferred: DeferredCardRenderer;
  /** Lark's requests go before background work (see IngestFirst). */
  private readonly ingest = new IngestFirst();
  url = '';

  private constructor(
    readonly config: Config,
    readonly store: Store,
    opts: AppOptions,
  ) {
    this.log = opts.log ?? createLogger(config.logLevel, secretsOf(config));
    this.metrics = createMetrics();
    this.api = new LarkApi({ appId: config.appId, appSecret: config.appSecret, baseUrl: config.baseUrl });
    // A rehearsal (PINGSHI_CLOCK_START) runs the calendar from a chosen instant; leases and limits stay on wall time.
    const clock = opts.clock ?? (config.clockStart ? new MovableClock(config.clockStart) : systemClock);
    this.outbox = new OutboxWorker({
      db: store.db,
      pace: this.ingest.pace,
      api: this.api,
      log: this.log,
      metrics: this.metrics,
      leaseMs: config.outboxLeaseSeconds * 1000,
      domainNow: () => clock.now(),
      // Built from the data as it stands when sent; the reads age on wall time, as the worker runs.
      renderDeferred: (d) => this.renderDeferred(d),
    });
    const notify = () => this.outbox.notify();
    const calendar = createWorkCalendar(opts.rules.calendar);
    const calm = (now: Date) => calmTime(now, calendar, opts.rules.notifications.calm_hours);
    const features = opts.features ?? allFeatures;
    this.commands = [helpCommand(() => this.commands), ...features.flatMap((f) => f.commands)];
    this.jobs = features.flatMap((f) => f.jobs);
    this.ledgers = features.flatMap((f) => f.ledgers);
    this.importers = features.flatMap((f) => f.importers);
    this.deps = {
      db: store.db,
      clock,
      rules: opts.rules,
      calendar,
      // What the bot sends on its own waits for working hours (rules: notifications.calm_hours).
      messenger: outboxMessenger(store.db, clock, notify, calm),
      messengerFor: (db) => outboxMessenger(db, clock, notify, calm),
      directory: opts.directory ?? this.api,
      log: this.log,
      cards: cardPortsOf(features),
    };
    this.renderDeferred = deferredCardRenderer(this.deps, () => Date.now());
    registerCalendarReadiness(this.metrics, this.deps.calendar, clock);
    registerInboxPending(this.metrics, () => pendingEventCount(store.db));
    if (store.dialect === 'postgres') registerClockOffset(this.metrics, () => clockOffsetFromDatabase(store.db));
    this.dispatcher = new Dispatcher(this.deps, { commands: this.commands, actions: features.flatMap((f) => f.actions), unrecognizedCard: renderUnrecognized, replies: outboxMessenger(store.db, clock, notify) });
    this.inbox = new InboxWorker({ db: store.db, dispatcher: this.dispatcher, botOpenId: () => this.botOpenId, log: this.log, leaseMs: (config.inboxLeaseSeconds ?? 60) * 1000, pace: this.ingest.pace, concurrency: store.dialect === 'postgres' ? 8 : 1 });
    this.workers = opts.workers ?? true;
  }

  static async create(opts: AppOptions): Promise<App> {
    const store = opts.store ?? openStore(opts.config.databaseUrl, { poolSize: opts.config.dbPoolSize ?? 10 });
    await migrateToLatest(store.db, store.schema);
    return new App(opts.config, store, opts);
  }

  /** Serves HTTP on `port` (0 = any free port) and starts the workers and, if enabled, the scheduler. */
  async start(port = this.config.port): Promise<string> {
    const http = createHttpApp({
      encryptKey: this.config.encryptKey,
      verificationToken: this.config.verificationToken,
      windowSeconds: this.config.signatureWindowSeconds,
      now: () => Date.now(),
      log: this.log,
      bodyTimeoutMs: this.config.bodyTimeoutMs,
      metrics: this.metrics,
      onLarkRequest: () => this.ingest.arrived(),
      healthy: () => pingDatabase(this.store.db),
      intake: (this.intake = createIntake({
        db: this.store.db,
        dispatcher: this.dispatcher,
        botOpenId: () => this.botOpenId,
        log: this.log,
        metrics: this.metrics,
        onQueued: () => this.inbox.notify(),
        writers: this.store.dialect === 'postgres' ? 4 : 1,
      })),
    });
    // Sandbox keys are public: the sandbox bot answers this machine only.
    const host = this.config.sandbox ? '127.0.0.1' : '0.0.0.0';
    this.server = await listenHttp(http, { port, host, log: this.log, bodyTimeoutMs: this.config.bodyTimeoutMs });
    const { port: actual } = this.server.address() as AddressInfo;
    this.url = `http://127.0.0.1:${actual}`;
    void this.api.botOpenId().then((id) => (this.botOpenId = id));
    void this.warnIfClockFar();
    if (this.workers) {
      this.inbox.start();
      this.outbox.start();
    }
    if (this.config.scheduler) {
      this.scheduler = new Scheduler(this.deps, this.jobs, (name, outcome) => this.recordOutcome(name, outcome), { leaseMs: (this.config.jobLeaseSeconds ?? 120) * 1000 });
      this.scheduler.start();
    }
    return this.url;
  }

  /** Said once at start; `/metrics` (pingshi_clock_offset_ms) and `doctor` show it afterwards. */
  private async warnIfClockFar(): Promise<void> {
    const o = await clockOffsetFromDatabase(this.store.db).catch(() => null);
    if (o && clockTooFar(o)) {
      this.log.warn({ offsetMs: o.offsetMs }, `${describeOffset(o)}，超出 ${CLOCK_TOLERANCE_MS} 毫秒容差：多个实例共用的飞书发送限额可能被超出，请启用 NTP 时间同步`);
    }
  }

  async runJob(name: string, at: Date = this.deps.clock.now()) {
    const job = this.jobs.find((j) => j.name === name);
    if (!job) throw new Error(`unknown job ${name}`);
    const outcome = await runJob(this.deps, job, at, { leaseMs: (this.config.jobLeaseSeconds ?? 120) * 1000 });
    this.recordOutcome(name, outcome);
    return outcome;
  }

  private recordOutcome(job: string, outcome: JobOutcome): void {
    if (outcome.status === 'not-due' || outcome.status === 'already-done') return;
    this.metrics.jobRuns.inc({ job, result: outcome.status });
    this.metrics.jobsWaiting.set({ job }, outcome.status === 'waiting' ? outcome.year : 0);
  }

  ledger(name: string): Ledger | undefined {
    return this.ledgers.find((l) => l.name === name);
  }

  importer(name: string): ImporterDef | undefined {
    return this.importers.find((i) => i.name === name);
  }

  /** Waits until every queued event is processed and every queued message is sent (tests, CLI). */
  async settle(timeoutMs = 30_000): Promise<void> {
    await this.inbox.drain(timeoutMs);
    await this.outbox.drain(timeoutMs);
  }

  /**
   * Stops in the order a rolling restart needs: no new requests (those in flight are answered, so
   * every acknowledged event is stored, in the inbox or its arrivals), no new job looks (a running job gets `graceMs` to finish,
   * else its claim is given back), the inbox and outbox workers finish the batch they hold, and the
   * pool closes. What is still queued stays in the database for the other instances.
   */
  async stop(graceMs = (this.config.shutdownGraceSeconds ?? 20) * 1000): Promise<void> {
    if (this.server) {
      const s = this.server;
      this.server = null;
      const closed = new Promise<void>((resolve) => s.close(() => resolve()));
      s.closeIdleConnections?.();
      let timer: NodeJS.Timeout | undefined;
      const late = new Promise<void>((r) => (timer = setTimeout(r, Math.min(graceMs, 10_000))));
      await Promise.race([closed, late]);
      clearTimeout(timer);
      s.closeAllConnections?.();
    }
    // Card actions answered with "正在处理" still finish their work (Lark never re-sends a callback).
    if (this.intake) await withTimeout(this.intake.settled(), graceMs);
    await this.scheduler?.stop(graceMs);
    await this.inbox.stop();
    await this.outbox.stop();
    await this.store.close();
  }
}

async function withTimeout(p: Promise<void>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([p, new Promise<void>((r) => (timer = setTimeout(r, ms)))]);
  clearTimeout(timer);
}

/** The card builders core renders through, from the features that supply them; all must be present. */
function cardPortsOf(features: readonly Feature[]): CardPorts {
  const ports: Partial<CardPorts> = Object.assign({}, ...features.map((f) => f.cards));
  const missing = (['weekly', 'quarterly', 'credits', 'maintenance', 'ranking'] as const).filter((k) => !ports[k]);
  if (missing.length > 0) throw new Error(`features missing for the card ports: ${missing.join(', ')}`);
  return ports as CardPorts;
}
