import { groupBy } from '../core/group-by';

/** Items grouped by key, groups in the order their first item came, items in their order. */
export function groupInOrder<T>(items: readonly T[], keyOf: (item: T) => string): T[][] {
  return [...groupBy(items, keyOf).values()];
}

/** Works through the groups with at most `concurrency` at a time; each group is handed over whole. */
export async function inLanes<T>(groups: readonly T[], concurrency: number, work: (group: T) => Promise<void>): Promise<void> {
  let next = 0;
  const lane = async () => {
    while (next < groups.length) await work(groups[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(Math.max(1, concurrency), groups.length) }, lane));
}
