import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import type { SanctionKind } from '../rules/terms';
import { newId } from '../ids';
import { inTexts } from '../sql-dialect';
import type { Sanction } from './sanctions';
import { groupBy } from '../group-by';

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

/** Sanctions whose 影响期 overlaps [start, end], grouped by person: everyone's, or only these people's. */
export async function sanctionsOverlapping(db: Db, start: string, end: string, openIds?: readonly string[]): Promise<Map<string, Sanction[]>> {
  if (openIds?.length === 0) return new Map();
  let q = db.selectFrom('sanctions').selectAll().where('start_date', '<=', end).where('end_date', '>=', start);
  if (openIds) q = q.where(inTexts(db, 'open_id', openIds));
  const rows = await q.orderBy('open_id').orderBy('start_date').execute();
  const sanctions: Sanction[] = rows.map((r) => ({ openId: r.open_id, kind: r.kind as SanctionKind, startDate: r.start_date, endDate: r.end_date, note: r.note }));
  return groupBy(sanctions, (s) => s.openId);
}
