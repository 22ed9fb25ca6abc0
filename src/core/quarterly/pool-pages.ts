import type { QuarterResult } from './results.repository';

/**
 * A pool's people in card order — highest score first, then name, then id — and cut into pages of
 * `size`. Both the card and the service page the same way, so a page's form names exactly its rows.
 */
export function orderedForCard(results: readonly QuarterResult[], nameOf: (openId: string) => string): QuarterResult[] {
  return [...results].sort(
    (a, b) =>
      (b.score ?? -Infinity) - (a.score ?? -Infinity) ||
      nameOf(a.openId).localeCompare(nameOf(b.openId), 'zh-CN') ||
      (a.openId < b.openId ? -1 : a.openId > b.openId ? 1 : 0),
  );
}

export function pageCount(people: number, size: number): number {
  return Math.max(1, Math.ceil(people / size));
}

export function pageOf<T>(ordered: readonly T[], page: number, size: number): T[] {
  return ordered.slice((page - 1) * size, page * size);
}
