import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import { newId } from './ids';
import { insertRows } from './insert-rows';

export interface AuditEntry {
  actor: string;
  action: string;
  entityType: string;
  entityId: string;
  before?: unknown;
  after?: unknown;
  reason?: string | null;
}

/** An audit_log row as written; its columns in `AUDIT_COLUMNS` order. `at` may come as its ISO text, written once for a batch. */
export const auditRow = (at: Date | string, e: AuditEntry) => ({
  id: newId('au'),
  at: typeof at === 'string' ? at : at.toISOString(),
  actor: e.actor,
  action: e.action,
  entity_type: e.entityType,
  entity_id: e.entityId,
  before: e.before === undefined ? null : JSON.stringify(e.before),
  after: e.after === undefined ? null : JSON.stringify(e.after),
  reason: e.reason ?? null,
});

export const AUDIT_COLUMNS = ['id', 'at', 'actor', 'action', 'entity_type', 'entity_id', 'before', 'after', 'reason'] as const;

/** Append-only: nothing in the code updates or deletes audit rows. */
export async function audit(db: Kysely<Database>, at: Date, e: AuditEntry): Promise<void> {
  await db.insertInto('audit_log').values(auditRow(at, e)).execute();
}

/** Many entries in a few statements (a quarter's proposals for a whole organ). */
export async function auditMany(db: Kysely<Database>, at: Date, entries: readonly AuditEntry[]): Promise<void> {
  const iso = at.toISOString();
  for (let i = 0; i < entries.length; i += 500) {
    await insertRows(db, 'audit_log', entries.slice(i, i + 500).map((e) => auditRow(iso, e)));
  }
}

export async function auditTrail(db: Kysely<Database>, entityType: string, entityId: string) {
  return db
    .selectFrom('audit_log')
    .selectAll()
    .where('entity_type', '=', entityType)
    .where('entity_id', '=', entityId)
    .orderBy('at')
    .orderBy('id')
    .execute();
}
