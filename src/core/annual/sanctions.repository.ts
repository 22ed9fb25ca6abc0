import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import type { SanctionKind } from '../rules/terms';
import { newId } from '../ids';
import type { Sanction } from './sanctions';

type Db = Kysely<Database>;

/** Inserts unless the same person, kind and 影响期 is stored; returns whether a row was added. */
export async function insertSanction(db: Db, s: Sanction, createdBy: string, at: Date): Promise<string | null> {
  const id = newId('sc');
  const res = await db
    .insertInto('sanctions')
    .values({ id, open_id: s.openId, kind: s.kind, start_date: s.startDate, end_date: s.endDate, note: s.note, created_by: createdBy, created_at: at.toISOString() })
    .onConflict((oc) => oc.columns(['open_id', 'kind', 'start_date', 'end_date']).doNothing())
    .executeTakeFirst();
  return Number(res.numInsertedOrUpdatedRows ?? 0) > 0 ? id : null;
}

/** Sanctions whose 影响期 overlaps [start, end], grouped by person. */
export async function sanctionsOverlapping(db: Db, start: string, end: string): Promise<Map<string, Sanction[]>> {
  const rows = await db.selectFrom('sanctions').selectAll().where('start_date', '<=', end).where('end_date', '>=', start).orderBy('open_id').orderBy('start_date').execute();
  const out = new Map<string, Sanction[]>();
  for (const r of rows) {
    const list = out.get(r.open_id) ?? [];
    list.push({ openId: r.open_id, kind: r.kind as SanctionKind, startDate: r.start_date, endDate: r.end_date, note: r.note });
    out.set(r.open_id, list);
  }
  return out;
}
