import { sql, type Kysely } from 'kysely';
import type { Database, ObjectionRow } from '../../db/schema';
import { newId } from '../ids';

type Db = Kysely<Database>;

export type ObjectionStatus = 'open' | 'rejected' | 'upheld';

export interface Objection {
  id: string;
  openId: string;
  quarterKey: string;
  reason: string;
  status: ObjectionStatus;
  answer: string | null;
  oldTier: string | null;
  newTier: string | null;
  decidedBy: string | null;
  createdAt: string;
  decidedAt: string | null;
}

export function objectionRowToObjection(row: ObjectionRow): Objection {
  return {
    id: row.id,
    openId: row.open_id,
    quarterKey: row.quarter_key,
    reason: row.reason,
    status: row.status === 'rejected' || row.status === 'upheld' ? row.status : 'open',
    answer: row.answer,
    oldTier: row.old_tier,
    newTier: row.new_tier,
    decidedBy: row.decided_by,
    createdAt: row.created_at,
    decidedAt: row.decided_at,
  };
}

export async function findObjection(db: Db, id: string): Promise<Objection | null> {
  const row = await db.selectFrom('objections').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? objectionRowToObjection(row) : null;
}

export async function openObjectionOf(db: Db, openId: string): Promise<Objection | null> {
  const row = await db.selectFrom('objections').selectAll().where('open_id', '=', openId).where('status', '=', 'open').executeTakeFirst();
  return row ? objectionRowToObjection(row) : null;
}

export async function objectionsOf(db: Db, openId: string, quarterKey: string): Promise<Objection[]> {
  const rows = await db
    .selectFrom('objections')
    .selectAll()
    .where('open_id', '=', openId)
    .where('quarter_key', '=', quarterKey)
    .orderBy('created_at')
    .execute();
  return rows.map(objectionRowToObjection);
}

/** Returns null when the person already has an open objection (the partial unique index decides). */
export async function insertObjection(db: Db, o: { openId: string; quarterKey: string; reason: string; oldTier: string }, at: Date): Promise<string | null> {
  const id = newId('ob');
  const res = await db
    .insertInto('objections')
    .values({
      id,
      open_id: o.openId,
      quarter_key: o.quarterKey,
      reason: o.reason,
      status: 'open',
      answer: null,
      old_tier: o.oldTier,
      new_tier: null,
      decided_by: null,
      created_at: at.toISOString(),
      decided_at: null,
    })
    // The predicate is a literal: PostgreSQL matches a partial index only against a constant.
    .onConflict((oc) => oc.column('open_id').where('status', '=', sql.lit('open')).doNothing())
    .executeTakeFirst();
  return Number(res.numInsertedOrUpdatedRows ?? 0) > 0 ? id : null;
}

/** Decides an open objection; false when someone decided it first. */
export async function decideObjection(
  db: Db,
  id: string,
  d: { status: 'rejected' | 'upheld'; answer: string; newTier: string | null; by: string },
  at: Date,
): Promise<boolean> {
  const res = await db
    .updateTable('objections')
    .set({ status: d.status, answer: d.answer, new_tier: d.newTier, decided_by: d.by, decided_at: at.toISOString() })
    .where('id', '=', id)
    .where('status', '=', 'open')
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}
