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
 * everyone, and never for the ack path's writes (see urgently).
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

let urgent = 0;

/**
 * Runs `work` so that the statement it starts right away does not wait for a turn: the ack path's
 * group commit, which Lark is waiting on. Only what `work` asks for before its first `await` is
 * covered.
 */
export function urgently<T>(work: () => Promise<T>): Promise<T> {
  urgent++;
  try {
    return work();
  } finally {
    urgent--;
  }
}

class TurnTakingSqliteDriver extends SqliteDriver {
  constructor(
    settings: SqliteDialectConfig,
    private readonly watch: LoopWatch,
  ) {
    super(settings);
  }

  override acquireConnection(): Promise<DatabaseConnection> {
    // No extra promise unless there is a turn to wait for: this runs before every statement.
    const turn = urgent > 0 ? null : this.watch.turnIfHeld();
    return turn ? turn.then(() => super.acquireConnection()) : super.acquireConnection();
  }
}

/**
 * How long the event loop has gone without a turn, as seen by its statements: a callback queued
 * with the first statement after a turn marks the next one. A turn that happens anyway (any real
 * I/O, an idle moment) starts the budget again, so short work never waits here.
 */
class LoopWatch {
  private since = performance.now();
  private watching = false;
  /** The turn everyone held up in this one waits for: one callback however many wait. */
  private next: Promise<void> | null = null;

  constructor(private readonly budgetMs: number) {}

  /** The turn to wait for when the loop has been held past the budget, else null. */
  turnIfHeld(): Promise<void> | null {
    if (!this.watching) {
      // The loop has turned since the last statement: this run started then at the earliest.
      this.watching = true;
      this.since = performance.now();
      setImmediate(this.turned);
      return null;
    }
    if (performance.now() - this.since < this.budgetMs) return null;
    return (this.next ??= nextTurn().then(this.passed));
  }

  private readonly passed = () => {
    this.next = null;
  };

  // Queued before any wait above, so it runs first in the turn and the wait ends with a fresh budget.
  private readonly turned = () => {
    this.watching = false;
    this.since = performance.now();
  };
}
