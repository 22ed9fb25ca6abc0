import type { Kysely, Transaction } from 'kysely';
import type { ExamResult, TrainingKind } from '../rules/terms';
import type { Database, TrainingRecordRow } from '../../db/schema';
import type { TrainingRecord, TrainingSource, TrainingStatus } from './training-record';
import { readInChunks } from '../in-chunks';

type Db = Kysely<Database> | Transaction<Database>;

/** A stored record as the core sees it: the row with typed kind/status and a boolean `required`. */
export interface StoredTrainingRecord extends TrainingRecord {
  id: string;
  openId: string;
  year: number;
  note: string | null;
  decidedBy: string | null;
  decidedAt: string | null;
  decisionNote: string | null;
  createdAt: string;
}

export function toStored(row: TrainingRecordRow): StoredTrainingRecord {
  return {
    id: row.id,
    openId: row.open_id,
    year: Number(row.year),
    date: row.date,
    title: row.title,
    kind: row.kind as TrainingKind,
    hours: Number(row.hours),
    required: Number(row.required) === 1,
    source: row.source as TrainingSource,
    status: row.status as TrainingStatus,
    examResult: row.exam_result === 'pass' || row.exam_result === 'fail' ? (row.exam_result as ExamResult) : null,
    note: row.note,
    decidedBy: row.decided_by,
    decidedAt: row.decided_at,
    decisionNote: row.decision_note,
    createdAt: row.created_at,
  };
}

/** SQLite allows at most 32,766 bound parameters per statement; 500 ids stay far below any limit. */
const IN_CHUNK = 500;

/**
 * All records of the year for the given people, grouped by person (everyone asked for gets an
 * entry); with `alsoYear`, that year's records too (the 补学 window after a deferred year).
 */
export async function recordsOfYearByPerson(
  db: Db,
  year: number,
  openIds: ReadonlyArray<string>,
  alsoYear?: number,
): Promise<Map<string, StoredTrainingRecord[]>> {
  const byPerson = new Map<string, StoredTrainingRecord[]>(openIds.map((id) => [id, []]));
  const rows = await readInChunks([...new Set(openIds)], IN_CHUNK, (chunk) =>
    db
      .selectFrom('training_records')
      .selectAll()
      .where('year', 'in', alsoYear === undefined ? [year] : [year, alsoYear])
      .where('open_id', 'in', chunk)
      .orderBy('date', 'desc')
      .orderBy('created_at', 'desc')
      .orderBy('id')
      .execute(),
  );
  for (const row of rows) byPerson.get(row.open_id)?.push(toStored(row));
  return byPerson;
}

export async function findTrainingRecord(db: Db, id: string): Promise<StoredTrainingRecord | undefined> {
  const row = await db.selectFrom('training_records').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toStored(row) : undefined;
}

export interface NewTrainingRecord extends TrainingRecord {
  id: string;
  openId: string;
  fingerprint: string | null;
  note: string | null;
  createdAt: string;
}

function toRow(record: NewTrainingRecord) {
  return {
    id: record.id,
    open_id: record.openId,
    year: Number(record.date.slice(0, 4)),
    date: record.date,
    title: record.title,
    kind: record.kind,
    hours: record.hours,
    required: record.required ? 1 : 0,
    source: record.source,
    status: record.status,
    fingerprint: record.fingerprint,
    note: record.note,
    decided_by: null,
    decided_at: null,
    decision_note: null,
    created_at: record.createdAt,
    exam_result: record.examResult ?? null,
  };
}

export async function insertTrainingRecord(db: Db, record: NewTrainingRecord): Promise<void> {
  await db.insertInto('training_records').values(toRow(record)).execute();
}

/**
 * Inserts in statements of `batchSize` rows; a row whose fingerprint is already stored is left
 * alone. Returns how many rows were actually added.
 */
export async function insertImportedRecords(
  db: Db,
  records: ReadonlyArray<NewTrainingRecord>,
  batchSize = 500,
): Promise<number> {
  let added = 0;
  for (let i = 0; i < records.length; i += batchSize) {
    const result = await db
      .insertInto('training_records')
      .values(records.slice(i, i + batchSize).map(toRow))
      .onConflict((oc) => oc.column('fingerprint').doNothing())
      .executeTakeFirst();
    added += Number(result.numInsertedOrUpdatedRows ?? 0);
  }
  return added;
}

/** Which of the given fingerprints are already stored. */
export async function storedFingerprints(db: Db, fingerprints: ReadonlyArray<string>): Promise<Set<string>> {
  const rows = await readInChunks(fingerprints, IN_CHUNK, (chunk) => db.selectFrom('training_records').select('fingerprint').where('fingerprint', 'in', chunk).execute());
  return new Set(rows.flatMap((row) => (row.fingerprint !== null ? [row.fingerprint] : [])));
}

/**
 * Moves a pending claim to its decision. The `status = 'pending'` guard makes a second click
 * (or a second admin deciding at the same moment) change nothing: it returns false.
 */
export async function decidePendingClaim(
  db: Db,
  id: string,
  decision: { status: 'approved' | 'rejected'; decidedBy: string; decidedAt: string; note: string | null },
): Promise<boolean> {
  const result = await db
    .updateTable('training_records')
    .set({
      status: decision.status,
      decided_by: decision.decidedBy,
      decided_at: decision.decidedAt,
      decision_note: decision.note,
    })
    .where('id', '=', id)
    .where('source', '=', 'claim')
    .where('status', '=', 'pending')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** A record of the person that says the same training: same day and title, not rejected. */
export async function findSameTraining(
  db: Db,
  openId: string,
  date: string,
  title: string,
): Promise<StoredTrainingRecord | undefined> {
  const row = await db
    .selectFrom('training_records')
    .selectAll()
    .where('open_id', '=', openId)
    .where('date', '=', date)
    .where('title', '=', title)
    .where('status', '!=', 'rejected')
    .executeTakeFirst();
  return row ? toStored(row) : undefined;
}

/**
 * Keys of the approval cards sent for a claim (`credits-claim:<id>:<open_id>`), read back from the
 * outbox so a decision updates exactly the cards that exist, even if the admins changed since.
 */
export async function approvalCardKeys(db: Db, claimId: string): Promise<string[]> {
  const prefix = `credits-claim:${claimId}:`;
  const rows = await db
    .selectFrom('outbox')
    .select('idem_key')
    .where('idem_key', 'like', `${prefix}%`)
    .where('op', '=', 'send')
    .execute();
  return rows.map((r) => r.idem_key).filter((key) => key.startsWith(prefix));
}
