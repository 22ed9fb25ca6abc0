import type { Addressed, Messenger } from './ports';

/**
 * Builds each message as it goes and queues them `size` at a time: a city-wide job sends tens of
 * thousands, one statement a message took minutes on PostgreSQL, and all of a city's cards held at
 * once would take hundreds of MB. Returns how many were queued.
 */
export async function sendInBatches<T>(messenger: Messenger, items: Iterable<T> | AsyncIterable<T>, build: (item: T) => Addressed | Promise<Addressed>, size = 100): Promise<number> {
  let batch: Addressed[] = [];
  let queued = 0;
  for await (const item of items) {
    batch.push(await build(item));
    if (batch.length < size) continue;
    await messenger.sendAll(batch);
    queued += batch.length;
    batch = [];
  }
  await messenger.sendAll(batch);
  return queued + batch.length;
}
