import { CompiledQuery, sql, type Insertable, type Kysely } from 'kysely';
import type { Database } from '../db/schema';
import { isPostgres, PLAN_ONCE_MARK } from './sql-dialect';

export interface InsertRowsOptions {
  /** `on conflict (…) do nothing` on these columns (a unique key). */
  skipConflictsOn?: readonly string[];
  /** Columns to return for each row actually inserted. */
  returning?: readonly string[];
  /**
   * PostgreSQL: false keeps a parameter per value instead of packing a large batch's columns into
   * JSON arrays (measured for the outbox's cards of 10 KB and more, when the packing was arrays).
   */
  packed?: boolean;
  /**
   * PostgreSQL: the statement is prepared once per connection and reused (see `planOnce`). An
   * insert's plan does not depend on its values, and a short batch's text only on its row count,
   * so the texts are few: for a write made very often with a handful of rows (the ack path's).
   */
  planOnce?: boolean;
}

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** From this many rows on, PostgreSQL gets a JSON array per column instead of a parameter per value. */
const PACKED_FROM = 20;

/**
 * A multi-row INSERT written as parameterised text. Kysely's builder parses and compiles every
 * row's object into an operation tree; for the tens of thousands of rows of a quarter's close
 * that was a tenth of the job. The columns are every column any row names; a row that leaves one
 * out stores null there.
 * On SQLite the rows go as `values (?, …), …`, in chunks of a few fixed sizes. On PostgreSQL many
 * rows go as one JSON array per column, read side by side (`rows from (json_array_elements_text($1),
 * …)`): parsing and binding 8,000 parameters took longer than inserting the rows. Until the
 * thirteenth session the columns went as PostgreSQL arrays, but the driver builds array literals a
 * character at a time in JavaScript: a quarter's close allocated 240 MB there (a quarter of all it
 * allocated), where JSON.stringify writes the same values natively. Until the eighteenth the rows
 * went as one JSON array of objects (`json_to_recordset`), which repeated every column's name in
 * every row: 27 MB of JSON for a close's 56,000 rows, written, sent and parsed again.
 */
export async function insertRows<T extends keyof Database & string, R = Record<string, unknown>>(
  db: Kysely<Database>,
  table: T,
  rows: readonly Insertable<Database[T]>[],
  opts: InsertRowsOptions = {},
): Promise<R[]> {
  return (await write<R>(db, table, rows as readonly Record<string, unknown>[], opts)).rows;
}

/**
 * insertRows without `returning`, for a caller that only needs to know how many rows went in (all
 * of them, in a quarter close's usual case): SQLite returned a close's 28,000 ids row by row
 * through a table of their own, a quarter of the insert's time.
 */
export async function insertRowsCounted<T extends keyof Database & string>(
  db: Kysely<Database>,
  table: T,
  rows: readonly Insertable<Database[T]>[],
  opts: Omit<InsertRowsOptions, 'returning'> = {},
): Promise<number> {
  return (await write(db, table, rows as readonly Record<string, unknown>[], opts)).count;
}

interface Written<R> {
  rows: R[];
  /** Rows inserted (conflicts skipped). */
  count: number;
}

async function write<R>(db: Kysely<Database>, table: string, all: readonly Record<string, unknown>[], opts: InsertRowsOptions): Promise<Written<R>> {
  if (all.length === 0) return { rows: [], count: 0 };
  const columns = columnsOf(all);
  if (!isPostgres(db)) return insertSqliteChunks<R>(db, table, columns, all, opts);
  const types = opts.packed !== false && all.length >= PACKED_FROM ? await columnTypes(db, table) : null;
  if (types && columns.every((c) => types.has(c))) return run<R>(db, table, columns, ...packedSource(all, columns, types), opts);
  const { source, params } = tuples(columns, all);
  return run<R>(db, table, columns, source, params, opts);
}

/**
 * Each column one JSON array; `rows from` reads them side by side, a row per index. A column with
 * the same value in every row (the batch's time and actor, a scope's id, a status, the nulls of
 * parts not used yet) goes once, as a parameter of its own: a quarter close's proposals and audit
 * rows repeated 5 MB of such values, each written into JSON, sent and parsed again.
 */
function packedSource(rows: readonly Record<string, unknown>[], columns: readonly string[], types: ReadonlyMap<string, string>): [source: string, params: unknown[]] {
  const params: unknown[] = [];
  const select: string[] = [];
  const arrays: string[] = [];
  for (const column of columns) {
    // At least one column goes as an array: it is what gives the select its rows.
    const one = arrays.length > 0 || column !== columns[columns.length - 1] ? oneValue(rows, column) : VARIES;
    if (one !== VARIES) {
      params.push(one);
      select.push(`$${params.length}::${types.get(column)}`);
    } else {
      params.push(packedColumn(rows, column));
      arrays.push(`json_array_elements_text($${params.length}::json)`);
      select.push(`c${arrays.length - 1}::${types.get(column)}`);
    }
  }
  return [`select ${select.join(', ')} from rows from (${arrays.join(', ')}) as r(${arrays.map((_, i) => `c${i}`).join(', ')})`, params];
}

const VARIES = Symbol('varies');

/** The value every row has in the column (a missing one is null), if it is one plain value; else VARIES. */
function oneValue(rows: readonly Record<string, unknown>[], column: string): unknown {
  const first = rows[0]![column] ?? null;
  if (first !== null && typeof first !== 'string' && typeof first !== 'number' && typeof first !== 'boolean') return VARIES;
  for (let i = 1; i < rows.length; i++) if ((rows[i]![column] ?? null) !== first) return VARIES;
  return first;
}

/**
 * One column of the rows as a JSON array (a key left out of a row, or undefined, is null).
 * JSON.stringify writes half an emoji (a text cut in the middle of a surrogate pair) as a
 * `\ud83d` escape, which PostgreSQL's JSON parser refuses; a value given alone is stored with
 * U+FFFD there (the driver encodes it as UTF-8), and so it is here.
 */
function packedColumn(rows: readonly Record<string, unknown>[], column: string): string {
  const values = new Array<unknown>(rows.length);
  for (let i = 0; i < rows.length; i++) values[i] = rows[i]![column] ?? null;
  const json = JSON.stringify(values);
  if (!json.includes('\\ud')) return json;
  return JSON.stringify(values, (_key, value: unknown) => (typeof value === 'string' ? (value as string & { toWellFormed(): string }).toWellFormed() : value));
}

/** Every key any row has, in the order first met (a key only a later row has is not dropped). */
function columnsOf(rows: readonly Record<string, unknown>[]): string[] {
  const columns = Object.keys(rows[0]!);
  const known = new Set(columns);
  for (const row of rows) {
    for (const key in row) {
      if (!known.has(key)) {
        known.add(key);
        columns.push(key);
      }
    }
  }
  return columns;
}

/** Rows in one SQLite statement at most. */
const SQLITE_CHUNK = 128;
/** Values a statement may take whatever its row count: its text is short, and the cache keeps each size. */
const SHORT_PARAMS = 256;

/**
 * SQLite prepares every distinct text anew, and a statement of a few hundred rows took about a
 * millisecond to prepare (a quarter's close spent a twentieth of its time there). A large batch is
 * written in chunks of 128, 64 or 32… rows until what is left is short, so the same few texts come
 * back and the connection's statement cache keeps them (`withStatementCache`); a short batch (the
 * ack path's) stays one statement. A batch of several chunks is written in one transaction, so it
 * is stored whole or not at all, as a single statement would be.
 */
async function insertSqliteChunks<R>(
  db: Kysely<Database>,
  table: string,
  columns: readonly string[],
  rows: readonly Record<string, unknown>[],
  opts: InsertRowsOptions,
): Promise<Written<R>> {
  const chunks: Array<readonly Record<string, unknown>[]> = [];
  for (let at = 0; at < rows.length; ) {
    const left = rows.length - at;
    const size = left * columns.length <= SHORT_PARAMS ? left : Math.min(SQLITE_CHUNK, 2 ** Math.floor(Math.log2(left)));
    chunks.push(rows.slice(at, at + size));
    at += size;
  }
  const writeAll = async (d: Kysely<Database>) => {
    const out: Written<R> = { rows: [], count: 0 };
    for (const chunk of chunks) {
      const written = await execute<R>(d, sqliteText(table, columns, chunk.length, opts), valuesOf(columns, chunk));
      out.rows.push(...written.rows);
      out.count += written.count;
    }
    return out;
  };
  return chunks.length > 1 && !db.isTransaction ? db.transaction().execute(writeAll) : writeAll(db);
}

/** Every row's values in column order, as the statement's parameters; a missing value is null. */
function valuesOf(columns: readonly string[], rows: readonly Record<string, unknown>[]): unknown[] {
  const params: unknown[] = [];
  for (const row of rows) for (const column of columns) params.push(row[column] ?? null);
  return params;
}

/** `values ($1, …), (…)` with a placeholder per value (PostgreSQL). */
function tuples(columns: readonly string[], rows: readonly Record<string, unknown>[]) {
  let n = 0;
  const list = rows.map(() => `(${columns.map(() => `$${++n}`).join(', ')})`);
  return { source: `values ${list.join(', ')}`, params: valuesOf(columns, rows) };
}

function run<R>(db: Kysely<Database>, table: string, columns: readonly string[], source: string, params: unknown[], opts: InsertRowsOptions): Promise<Written<R>> {
  const text = statementText(table, columns, source, opts);
  return execute<R>(db, opts.planOnce ? `${text} ${PLAN_ONCE_MARK}` : text, params);
}

function statementText(table: string, columns: readonly string[], source: string, opts: InsertRowsOptions): string {
  let text = `insert into ${quote(table)} (${columns.map(quote).join(', ')}) ${source}`;
  if (opts.skipConflictsOn) text += ` on conflict (${opts.skipConflictsOn.map(quote).join(', ')}) do nothing`;
  if (opts.returning) text += ` returning ${opts.returning.map(quote).join(', ')}`;
  return text;
}

async function execute<R>(db: Kysely<Database>, text: string, params: unknown[]): Promise<Written<R>> {
  const result = await db.executeQuery<R>(CompiledQuery.raw(text, params));
  // SQLite reports no count for a statement that returns rows; there the rows are the count.
  return { rows: result.rows, count: Number(result.numAffectedRows ?? result.rows.length) };
}

/**
 * SQLite's statement texts by shape (table, columns, rows, options), made once: a chunk's text of
 * thousands of `?` was built anew for each of a close's 1,100 chunks, and the statement cache then
 * hashed each new string to find the statement it already had.
 */
const sqliteTexts = new Map<string, string>();

function sqliteText(table: string, columns: readonly string[], rows: number, opts: InsertRowsOptions): string {
  const key = JSON.stringify([table, columns, rows, opts.skipConflictsOn ?? null, opts.returning ?? null]);
  let text = sqliteTexts.get(key);
  if (text === undefined) {
    // Short batches come in every size; the cache is cleared, not grown, past a few hundred shapes.
    if (sqliteTexts.size >= 256) sqliteTexts.clear();
    const row = `(${columns.map(() => '?').join(', ')})`;
    text = statementText(table, columns, `values ${Array.from({ length: rows }, () => row).join(', ')}`, opts);
    sqliteTexts.set(key, text);
  }
  return text;
}

// Every schema is migrated alike, so a table's column types are read once per process.
const typesOf = new Map<string, Promise<Map<string, string>>>();

/** PostgreSQL's type of each column (`text`, `float8`, `int4` …), for the JSON record's definition. */
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
