import { LEVEL_POOLS, type LevelPool } from '../rules/terms';

/**
 * 同级同台: people are ranked and the 好 quota is computed only within their own level pool.
 * Pools come out in the fixed order 正职, 副职, 一般干部 (empty pools omitted); members keep
 * their input order.
 */
export function groupByPool<T extends { level: LevelPool }>(people: readonly T[]): Map<LevelPool, T[]> {
  const pools = new Map<LevelPool, T[]>();
  for (const level of LEVEL_POOLS) {
    const members = people.filter((p) => p.level === level);
    if (members.length > 0) pools.set(level, members);
  }
  return pools;
}
