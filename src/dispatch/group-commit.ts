import { urgently } from '../db/turn-taking';

/** Far below SQLite's 32,766 and PostgreSQL's 65,535 bound parameters (at most 10 per row). */
const MAX_BATCH = 500;

/**
 * The ack path's group commit: items that arrive in the same turn of the event loop are written
 * with one `write` (one statement, one commit), and each caller is answered once its item is
 * durable. Up to `writers` batches are written at once (PostgreSQL: a commit's round trip and
 * flush need not stop the next batch; SQLite writes synchronously, one is enough); what arrives
 * meanwhile forms the next. If a batch fails, its items are written one by one so a single bad
 * one cannot refuse the others (Lark re-sends what is refused).
 */
export function createGroupCommit<T, R>(write: (batch: T[]) => Promise<R[]>, writers = 1) {
  type Waiting = { item: T; resolve: (result: R) => void; reject: (e: unknown) => void };
  let queue: Waiting[] = [];
  let writing = 0;
  let scheduled = false;

  // Acknowledgements first: neither a batch nor its one-by-one retry waits for a long job's turn (see urgently).
  const writeNow = (items: T[]) => urgently(() => write(items));
  const writeBatch = async (batch: Waiting[]) => {
    try {
      const results = await writeNow(batch.map((w) => w.item));
      batch.forEach((w, i) => w.resolve(results[i]!));
    } catch {
      for (const w of batch) await writeNow([w.item]).then(([result]) => w.resolve(result!), w.reject);
    }
  };
  const flush = () => {
    scheduled = false;
    while (queue.length > 0 && writing < writers) {
      const batch = queue.slice(0, MAX_BATCH);
      queue = queue.slice(batch.length);
      writing++;
      void writeBatch(batch).finally(() => {
        writing--;
        schedule();
      });
    }
  };
  // setImmediate: every request already read in this turn joins the batch.
  const schedule = () => {
    if (scheduled || queue.length === 0 || writing >= writers) return;
    scheduled = true;
    setImmediate(flush);
  };
  /** Resolves with the item's result once its batch is written. */
  return (item: T): Promise<R> =>
    new Promise((resolve, reject) => {
      queue.push({ item, resolve, reject });
      schedule();
    });
}
