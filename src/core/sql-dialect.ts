import { sql, type Kysely, type RawBuilder } from 'kysely';

/** Whether the store is PostgreSQL (else SQLite): the few statements whose text differs ask this. */
export function isPostgres(db: Kysely<any>): boolean {
  return db.getExecutor().adapter.constructor.name === 'PostgresAdapter';
}

/**
 * `column in (…)` for a list of text values. PostgreSQL parses and plans every parameter of a long
 * list (350 per organ in a quarter close: 4 ms a statement); there the list goes as one array,
 * `column = any($1)`. The list must not be empty.
 */
export function inTexts(db: Kysely<any>, column: string, values: readonly string[]): RawBuilder<boolean> {
  return isPostgres(db) ? sql<boolean>`${sql.ref(column)} = any(${[...values]}::text[])` : sql<boolean>`${sql.ref(column)} in (${sql.join([...values])})`;
}
