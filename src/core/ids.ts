import { randomBytes } from 'node:crypto';

let lastMs = 0;
let seq = 0;
// Random bytes drawn 4 KB at a time: a call to the system's generator per id was a twentieth of a
// city-wide quarter close.
let pool = Buffer.alloc(0);
let offset = 0;

function randomHex(bytes: number): string {
  if (offset + bytes > pool.length) {
    pool = randomBytes(4096);
    offset = 0;
  }
  offset += bytes;
  return pool.toString('hex', offset - bytes, offset);
}

/**
 * Time-ordered, collision-safe text ids (sortable by creation). Ids made in the same millisecond by
 * one process keep their order too (a counter), so rows queued in a loop sort as they were queued.
 */
export function newId(prefix: string): string {
  const now = Date.now();
  seq = now === lastMs ? seq + 1 : 0;
  lastMs = now;
  return `${prefix}_${now.toString(36).padStart(9, '0')}${seq.toString(36).padStart(3, '0')}${randomHex(5)}`;
}
