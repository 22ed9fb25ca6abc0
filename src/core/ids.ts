import { randomBytes } from 'node:crypto';

let lastMs = 0;
let seq = 0;

/**
 * Time-ordered, collision-safe text ids (sortable by creation). Ids made in the same millisecond by
 * one process keep their order too (a counter), so rows queued in a loop sort as they were queued.
 */
export function newId(prefix: string): string {
  const now = Date.now();
  seq = now === lastMs ? seq + 1 : 0;
  lastMs = now;
  return `${prefix}_${now.toString(36).padStart(9, '0')}${seq.toString(36).padStart(3, '0')}${randomBytes(5).toString('hex')}`;
}
