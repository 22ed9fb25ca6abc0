import { batchedCalls } from '../core/batched-calls';
import { urgently } from '../db/turn-taking';

/**
 * The ack path's group commit: items that arrive in the same turn of the event loop are written
 * with one `write` (one statement, one commit), and each caller is answered once its item is
 * durable. Up to `writers` batches are written at once (PostgreSQL: a commit's round trip and
 * flush need not stop the next batch; SQLite writes synchronously, one is enough); what arrives
 * meanwhile forms the next. If a batch fails, its items are written one by one so a single bad
 * one cannot refuse the others (Lark re-sends what is refused).
 */
export function createGroupCommit<T, R>(write: (batch: T[]) => Promise<R[]>, writers = 1): (item: T) => Promise<R> {
  // Acknowledgements first: neither a batch nor its one-by-one retry waits for a long job's turn (see urgently).
  return batchedCalls((items: T[]) => urgently(() => write(items)), { inFlight: writers, aloneOnFailure: true });
}
