import { sql, type Kysely, type RawBuilder } from 'kysely';

/** Whether the store is PostgreSQL (else SQLite): the few statements whose text differs ask this. */
export function isPostgres(db: Kysely<any>): boolean {
  return db.getExecutor().adapter.constructor.name === 'PostgresAdapter';
}

/**
 * Ends a statement that PostgreSQL may plan once per connection and reuse (`.modifyEnd(planOnce)`).
 * Planning was half of the server's work on a 提交评鉴 click, yet statements are otherwise planned
 * for their values each time: a plan made once while a table was small went on scanning it whole
 * after a job had filled it (see PreparingClient). Only lookups by key on tables that no job fills
 * while the statement is in use are marked; PostgreSQL still plans such a statement for its
 * values the first five times and keeps a plan for all values only if that costs no more.
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
