import { sql, type Kysely } from 'kysely';
import { isPostgres } from '../../core/sql-dialect';

/** SQLite's REAL is already an 8-byte double; PostgreSQL's REAL is not, so ask for double precision there. */
export function floatType(db: Kysely<any>) {
  return isPostgres(db) ? sql`double precision` : sql`real`;
}
