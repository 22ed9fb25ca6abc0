import { randomBytes } from 'node:crypto';

/** Time-ordered, collision-safe text ids (sortable by creation). */
export function newId(prefix: string): string {
  return `${prefix}_${Date.now().toString(36).padStart(9, '0')}${randomBytes(6).toString('hex')}`;
}
