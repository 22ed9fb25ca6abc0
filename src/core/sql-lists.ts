import { sql, type Kysely, type RawBuilder } from 'kysely';

/** Whether the database numbers its parameters (`$1`: PostgreSQL) rather than marking them `?` (SQLite). */
export function numbersParameters(db: Kysely<any>): boolean {
  return db.selectNoFrom(sql<string>`${''}`.as('x')).compile().sql.includes('$1');
}

/**
 * `column in (…)` for a list of text values. PostgreSQL parses and plans every parameter of a long
 * list (350 per organ in a quarter close: 4 ms a statement); there the list goes as one array,
 * `column = any($1)`. The list must not be empty.
 */
export function inTexts(db: Kysely<any>, column: string, values: readonly string[]): RawBuilder<boolean> {
  return numbersParameters(db) ? sql<boolean>`${sql.ref(column)} = any(${[...values]}::text[])` : sql<boolean>`${sql.ref(column)} in (${sql.join([...values])})`;
}
