import { CompiledQuery, sql, type Insertable, type Kysely } from 'kysely';
import type { Database } from '../db/schema';
import { isPostgres } from './sql-dialect';

export interface InsertRowsOptions {
  /** `on conflict (…) do nothing` on these columns (a unique key). */
  skipConflictsOn?: readonly string[];
  /** Columns to return for each row actually inserted. */
  returning?: readonly string[];
  /**
   * PostgreSQL: false keeps a parameter per value. An array literal escapes and parses every
   * character again, which costs more than it saves for long texts (cards of 10 KB and more).
   */
  arrays?: boolean;
}

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** From this many rows on, PostgreSQL gets one array per column instead of a parameter per value. */
const ARRAYS_FROM = 20;

/**
 * A multi-row INSERT written as parameterised text. Kysely's builder parses and compiles every
 * row's object into an operation tree; for the tens of thousands of rows of a quarter's close
 * that was a tenth of the job. All rows take the first row's columns; a missing value is null.
 * On SQLite the rows go as `values (?, …), …`; on PostgreSQL, many rows go as one array per column
 * (`select * from unnest($1::text[], …)`): parsing and binding 8,000 parameters took longer than
 * inserting the rows.
 */
export async function insertRows<T extends keyof Database & string, R = Record<string, unknown>>(
  db: Kysely<Database>,
  table: T,
  rows: readonly Insertable<Database[T]>[],
  opts: InsertRowsOptions = {},
): Promise<R[]> {
  const first = rows[0] as Record<string, unknown> | undefined;
  if (!first) return [];
  const columns = Object.keys(first);
  const all = rows as readonly Record<string, unknown>[];
  const numbered = isPostgres(db);
  const types = numbered && opts.arrays !== false && rows.length >= ARRAYS_FROM ? await columnTypes(db, table) : null;
  const params: unknown[] = [];
  let source: string;
  if (types && columns.every((c) => types.has(c))) {
    for (const column of columns) params.push(all.map((row) => row[column] ?? null));
    source = `select * from unnest(${columns.map((c, i) => `$${i + 1}::${types.get(c)}[]`).join(', ')})`;
  } else {
    const tuples: string[] = [];
    for (const row of all) {
      const marks: string[] = [];
      for (const column of columns) {
        params.push(row[column] ?? null);
        marks.push(numbered ? `$${params.length}` : '?');
      }
      tuples.push(`(${marks.join(', ')})`);
    }
    source = `values ${tuples.join(', ')}`;
  }
  let text = `insert into ${quote(table)} (${columns.map(quote).join(', ')}) ${source}`;
  if (opts.skipConflictsOn) text += ` on conflict (${opts.skipConflictsOn.map(quote).join(', ')}) do nothing`;
  if (opts.returning) text += ` returning ${opts.returning.map(quote).join(', ')}`;
  const result = await db.executeQuery<R>(CompiledQuery.raw(text, params));
  return result.rows;
}

// Every schema is migrated alike, so a table's column types are read once per process.
const typesOf = new Map<string, Promise<Map<string, string>>>();

/** PostgreSQL's type of each column (`text`, `float8`, `int4` …), for the array casts. */
function columnTypes(db: Kysely<Database>, table: string): Promise<Map<string, string>> {
  let types = typesOf.get(table);
  if (!types) {
    types = sql<{ column_name: string; udt_name: string }>`select column_name, udt_name from information_schema.columns where table_schema = current_schema() and table_name = ${table}`
      .execute(db)
      .then((r) => new Map(r.rows.map((c) => [c.column_name, c.udt_name])));
    // A failed read is not kept: the next insert asks again.
    types.catch(() => typesOf.delete(table));
    typesOf.set(table, types);
  }
  return types;
}
