import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/** How often the thread copies what the WAL holds back into the database file. */
const EVERY_MS = 25;

// The thread's own code: a connection of its own that checkpoints without waiting (PASSIVE never
// blocks the bot's reads or writes) until told to stop, then once more.
const THREAD = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.path);
const checkpoint = () => { try { db.pragma('wal_checkpoint(PASSIVE)'); } catch {} };
const timer = setInterval(checkpoint, workerData.everyMs);
parentPort.on('message', () => { clearInterval(timer); checkpoint(); db.close(); parentPort.close(); });
`;

/** Wraps a job: while any runs, SQLite's checkpoints run on a thread of their own. */
export type CheckpointAside = (<T>(work: () => Promise<T>) => Promise<T>) & {
  /** Whether the thread is running (a job is under way). */
  readonly active: boolean;
  /** Stops the thread now (the store is closing). */
  stop(): Promise<void>;
};

/**
 * SQLite copies the write-ahead log back into the database file, and syncs it (a checkpoint),
 * inside whichever commit takes the log past 1,000 pages: on the bot's one thread, in the middle
 * of a job. A quarter's close writes about 70 MB (28,000 proposals and audit rows, 1,500 cards);
 * its 80 commits took 350–460 ms, the checkpoints most of it. While a job runs, a worker thread
 * with a connection of its own checkpoints every 25 ms on the other core, so the commit that
 * crosses the threshold finds almost everything copied already: 160–180 ms (five alternated
 * closes of 28,000). The bot's connection keeps its own threshold: the log restarts from its
 * beginning only after a checkpoint that leaves nothing behind, which a busy writer gets only from
 * its own (with the thread alone the log grew to 71 MB). The thread costs about 17 MB of memory,
 * which is why it lives only while a job runs (the memory target under load has no room for it).
 */
export function checkpointAside(path: string): CheckpointAside {
  let running = 0;
  let thread: Worker | null = null;
  let stopped: Promise<void> = Promise.resolve();

  const start = () => {
    const worker = new Worker(THREAD, { eval: true, workerData: { driver: createRequire(import.meta.url).resolve('better-sqlite3'), path, everyMs: EVERY_MS } });
    worker.unref();
    // A thread that fails (it cannot open the file, say) leaves the checkpoints to the bot's connection, as without it.
    worker.on('error', () => {
      if (thread === worker) thread = null;
    });
    thread = worker;
  };

  const stop = (): Promise<void> => {
    const worker = thread;
    if (!worker) return stopped;
    thread = null;
    stopped = new Promise<void>((resolve) => {
      // Held from here: a process awaiting its store's close would otherwise end before the thread does.
      worker.ref();
      worker.once('exit', () => resolve());
      worker.postMessage('stop');
    });
    return stopped;
  };

  const aside = async <T>(work: () => Promise<T>): Promise<T> => {
    if (running++ === 0) start();
    try {
      return await work();
    } finally {
      if (--running === 0) void stop();
    }
  };
  return Object.defineProperties(aside, {
    active: { get: () => thread !== null },
    stop: { value: stop },
  }) as CheckpointAside;
}
