/**
 * Ids and keys in code-unit order: the order SQLite's default (BINARY) collation gives them, so a
 * list sorted here matches one read with `order by`. `localeCompare` would sort by the locale.
 */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
