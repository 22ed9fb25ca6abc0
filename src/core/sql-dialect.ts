import { sql, type Kysely, type RawBuilder } from 'kysely';

/** Whether the store is PostgreSQL (else SQLite): the few statements whose text differs ask this. */
export function isPostgres(db: Kysely<any>): boolean {
  return db.getExecutor().adapter.constructor.name === 'PostgresAdapter';
}

/**
 * Ends a statement that PostgreSQL may plan once per connection and reuse (`.modifyEnd(planOnce)`;
 * see PreparingClient). Mark only lookups by key on tables that are not filled in bulk while the
 * statement is in use: a plan kept from while a table was small goes on scanning it whole. An
 * insert of values has no such choice to keep (`insertRows`' `planOnce`).
 */
export const PLAN_ONCE_MARK = '/* plan once */';
export const planOnce = sql.raw(PLAN_ONCE_MARK);

/**
 * `column in (…)` for a list of text values. PostgreSQL parses and plans every parameter of a long
 * list (350 per organ in a quarter close: 4 ms a statement); there the list goes as one array,
 * `column = any($1)`. The list must not be empty.
 */
export function inTexts(db: Kysely<any>, column: string, values: readonly string[]): RawBuilder<boolean> {
  return isPostgres(db) ? sql<boolean>`${sql.ref(column)} = any(${[...values]}::text[])` : sql<boolean>`${sql.ref(column)} in (${sql.join([...values])})`;
}

/**
 * `case when id = … then … end`: one value per row's id, so rows that each get their own value are
 * updated in one statement. The values are SQL: a parameter there has no type on PostgreSQL unless
 * the column's type settles it (text), so numbers go as literals.
 */
export function valueById<T>(values: ReadonlyArray<readonly [id: string, value: RawBuilder<unknown>]>): RawBuilder<T> {
  return sql<T>`case ${sql.join(values.map(([id, value]) => sql`when id = ${id} then ${value}`), sql` `)} end`;
}
