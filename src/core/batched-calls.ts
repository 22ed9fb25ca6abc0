/** Items per call of `run`: far below SQLite's 32,766 and PostgreSQL's 65,535 bound parameters (the ack path's rows have at most 10). */
const MAX_BATCH = 500;

export interface BatchOptions {
  /** Batches being run at once; what arrives meanwhile forms the next batch (default: no limit). */
  inFlight?: number;
  /** If a batch fails, its items are run one by one, so a single bad one cannot refuse the others. */
  aloneOnFailure?: boolean;
}

/**
 * Calls from concurrent callers (lookups, and writes that can share a statement), gathered per
 * turn of the event loop into one call of `run`: the ack path's group commit, and a card click's
 * reads and grade. Under a burst of clicks about three arrive together, and each statement costs
 * the bot a socket write (the largest part of its CPU per click, see BENCHMARKS.md) and PostgreSQL
 * a round of its protocol. A lone caller waits one turn.
 * `run` answers the items in their order, an item it could not do with `failedItem(error)`; if `run`
 * itself fails, every caller of its batch gets the error (unless `aloneOnFailure`).
 */
export function batchedCalls<T, R>(run: (items: T[]) => Promise<Array<R | FailedItem>>, o: BatchOptions = {}): (item: T) => Promise<R> {
  type Waiting = { item: T; resolve: (result: R) => void; reject: (e: unknown) => void };
  const inFlight = o.inFlight ?? Infinity;
  let queue: Waiting[] = [];
  let running = 0;
  let scheduled = false;
  const answer = (w: Waiting, result: R | FailedItem) => (result instanceof FailedItem ? w.reject(result.error) : w.resolve(result));
  const runBatch = async (batch: Waiting[]) => {
    try {
      const results = await run(batch.map((w) => w.item));
      batch.forEach((w, i) => answer(w, results[i]!));
    } catch (e) {
      if (!o.aloneOnFailure || batch.length === 1) for (const w of batch) w.reject(e);
      else for (const w of batch) await run([w.item]).then(([result]) => answer(w, result!), w.reject);
    }
  };
  const flush = () => {
    scheduled = false;
    while (queue.length > 0 && running < inFlight) {
      const batch = queue.slice(0, MAX_BATCH);
      queue = queue.slice(batch.length);
      running++;
      void runBatch(batch).finally(() => {
        running--;
        schedule();
      });
    }
  };
  // setImmediate: every caller reached in this turn (each request read, each reply resolved) joins.
  const schedule = () => {
    if (scheduled || queue.length === 0 || running >= inFlight) return;
    scheduled = true;
    setImmediate(flush);
  };
  return (item) =>
    new Promise((resolve, reject) => {
      queue.push({ item, resolve, reject });
      schedule();
    });
}

/** What `run` answers for one item that failed when the others did not. */
export class FailedItem {
  constructor(readonly error: unknown) {}
}

export const failedItem = (error: unknown) => new FailedItem(error);

/** Lookups by key, batched as above: each caller gets its key's value, or undefined when none was found. */
export function batchedRead<V>(read: (keys: string[]) => Promise<ReadonlyMap<string, V>>): (key: string) => Promise<V | undefined> {
  return batchedCalls(async (keys: string[]) => {
    const found = await read([...new Set(keys)]);
    return keys.map((k) => found.get(k));
  });
}

/** One batcher per database handle (a pool, or a transaction, which has its own connection). */
export function perDb<D extends object, A extends unknown[], R>(make: (db: D) => (...args: A) => Promise<R>): (db: D, ...args: A) => Promise<R> {
  const made = new WeakMap<D, (...args: A) => Promise<R>>();
  return (db, ...args) => {
    let f = made.get(db);
    if (!f) made.set(db, (f = make(db)));
    return f(...args);
  };
}
