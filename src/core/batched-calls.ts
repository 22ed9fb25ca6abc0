/** Items per call of `run`: far below SQLite's 32,766 bound parameters; PostgreSQL takes keys as one array. */
const MAX_BATCH = 500;

/**
 * Calls from concurrent callers (lookups, and writes that can share a statement), gathered per
 * turn of the event loop into one call of `run` (as the ack path's group commit gathers its writes). Under a burst of card clicks about three arrive
 * together, and each statement costs the bot a socket write (the largest part of its CPU per
 * click, see BENCHMARKS.md) and PostgreSQL a round of its protocol. A lone caller waits one turn.
 * `run` answers the items in their order, an item it could not do with `failedItem(error)`; if `run`
 * itself fails, every caller of its batch gets the error.
 */
export function batchedCalls<T, R>(run: (items: T[]) => Promise<Array<R | FailedItem>>): (item: T) => Promise<R> {
  type Waiting = { item: T; resolve: (result: R) => void; reject: (e: unknown) => void };
  let queue: Waiting[] = [];
  let scheduled = false;
  const runBatch = async (batch: Waiting[]) => {
    try {
      const results = await run(batch.map((w) => w.item));
      batch.forEach((w, i) => {
        const result = results[i]!;
        if (result instanceof FailedItem) w.reject(result.error);
        else w.resolve(result);
      });
    } catch (e) {
      for (const w of batch) w.reject(e);
    }
  };
  const flush = () => {
    scheduled = false;
    while (queue.length > 0) {
      void runBatch(queue.slice(0, MAX_BATCH));
      queue = queue.slice(MAX_BATCH);
    }
  };
  return (item) =>
    new Promise((resolve, reject) => {
      queue.push({ item, resolve, reject });
      if (scheduled) return;
      scheduled = true;
      // setImmediate: every caller reached in this turn (each request read, each reply resolved) joins.
      setImmediate(flush);
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
