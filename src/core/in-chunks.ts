/**
 * A read by a list of values, `size` of them per statement, the rows in chunk order: a city's
 * list is more values than one statement may bind (SQLite 32,766, PostgreSQL 65,535).
 */
export async function readInChunks<T>(values: readonly string[], size: number, read: (chunk: string[]) => Promise<T[]>): Promise<T[]> {
  const rows: T[] = [];
  for (let i = 0; i < values.length; i += size) for (const row of await read(values.slice(i, i + size))) rows.push(row);
  return rows;
}
