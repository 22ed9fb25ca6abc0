import { performance } from 'node:perf_hooks';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { SqliteDialect, SqliteDriver, type DatabaseConnection, type Driver, type SqliteDialectConfig } from 'kysely';

/** How long a run of statements may hold the event loop before it lets the loop turn once. */
export const TURN_MS = 10;

/**
 * better-sqlite3 runs each statement synchronously and Kysely hands back an already-resolved
 * promise, so a job of many statements never let the event loop turn: a 28,000-person quarter
 * close held it for 2.4 s, during which no webhook or card callback was even read (Lark answers
 * a callback that takes over 3 s with an error and does not send it again). Before it takes the
 * connection for a statement or a transaction, a caller that finds the loop held for more than
 * `budgetMs` waits for one turn, so requests are read and acknowledged between a long job's
 * statements. The wait is never inside a transaction, where it would keep the connection from
 * everyone (a transaction-heavy burst of card clicks lost 6 % when it was).
 */
export class TurnTakingSqliteDialect extends SqliteDialect {
  constructor(
    private readonly settings: SqliteDialectConfig,
    private readonly budgetMs = TURN_MS,
  ) {
    super(settings);
  }

  override createDriver(): Driver {
    return new TurnTakingSqliteDriver(this.settings, new LoopWatch(this.budgetMs));
  }
}

class TurnTakingSqliteDriver extends SqliteDriver {
  constructor(
    settings: SqliteDialectConfig,
    private readonly watch: LoopWatch,
  ) {
    super(settings);
  }

  override async acquireConnection(): Promise<DatabaseConnection> {
    await this.watch.turnIfHeld();
    return super.acquireConnection();
  }
}

/**
 * How long the event loop has gone without a turn, as seen by its statements: a callback queued
 * with the first statement after a turn marks the next one. A turn that happens anyway (any real
 * I/O, an idle moment) starts the budget again, so the ack path itself does not wait here.
 */
class LoopWatch {
  private since = performance.now();
  private watching = false;

  constructor(private readonly budgetMs: number) {}

  async turnIfHeld(): Promise<void> {
    if (!this.watching) {
      // The loop has turned since the last statement: this run started then at the earliest.
      this.watching = true;
      this.since = performance.now();
      setImmediate(this.turned);
      return;
    }
    if (performance.now() - this.since >= this.budgetMs) await nextTurn();
  }

  // Queued before any wait above, so it runs first in the turn and the wait ends with a fresh budget.
  private readonly turned = () => {
    this.watching = false;
    this.since = performance.now();
  };
}
