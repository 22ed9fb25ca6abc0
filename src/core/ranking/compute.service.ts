import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import type { CoreDeps } from '../deps';
import { resultOf } from './composite';
import { automaticIndicators, trainingByUnit, type RawValue } from './automatic-indicators.service';
import { indicatorDefs, TRAINING_BULLETIN_INDICATOR } from './indicator-defs';
import { indicatorValuesOf } from './indicator-values.repository';
import { classOf, type IndicatorResult, type RankingDoc } from './ranking-doc';
import { kindOfKey, previousOfSameKind } from './ranking-period';
import { latestPublications } from './ranking.repository';
import { buildRanking } from './ranking-table';
import { isNegativeClass } from './classify';
import { unitTree, type RankingGroup, type UnitTree } from './unit-tree';

export interface ComputedRanking {
  group: RankingGroup;
  doc: RankingDoc;
}

/** The organisation as the rankings see it (every unit, active or not, so history maps); `db` inside a transaction. */
export async function loadUnitTree(deps: CoreDeps, db: Kysely<Database> = deps.db): Promise<UnitTree> {
  const units = await db.selectFrom('units').selectAll().orderBy('id').execute();
  return unitTree(units, deps.rules.unit_rating);
}

/** Every ranking of a period (one per scope), computed from the data as it stands now. */
export async function computeRankings(deps: CoreDeps, periodKey: string, tree?: UnitTree): Promise<ComputedRanking[]> {
  const units = tree ?? (await loadUnitTree(deps));
  const kind = kindOfKey(periodKey);
  const computedAt = deps.clock.now().toISOString();
  if (kind === 'training') {
    const [year, checkpoint] = periodKey.split('-') as [string, 'midyear' | 'yearend'];
    const values = await trainingByUnit(deps, Number(year), checkpoint, units);
    const def = TRAINING_BULLETIN_INDICATOR;
    return units.groups.map((group) => ({
      group,
      doc: buildRanking(
        {
          kind,
          periodKey,
          scope: group.scope,
          scopeName: group.scopeName,
          defs: [def],
          units: group.units.map((u) => ({ unitId: u.id, unitName: u.name, results: { training: raw(def, values.get(u.id)) }, negativeStreak: 0 })),
          computedAt,
        },
        deps.rules.unit_rating,
      ),
    }));
  }
  const defs = indicatorDefs(deps.rules.unit_rating);
  const automatic = await automaticIndicators(deps, periodKey, units);
  const imported = new Map((await indicatorValuesOf(deps.db, [periodKey])).map((v) => [`${v.unitId}\u0000${v.indicator}`, v.value]));
  const out: ComputedRanking[] = [];
  for (const group of units.groups) {
    const streaks = await negativeStreaks(deps, periodKey, group.scope);
    const members = group.units.map((u) => {
      const auto = automatic.get(u.id);
      const results: Record<string, IndicatorResult> = {};
      for (const def of defs) {
        if (def.source === 'auto') results[def.name] = raw(def, auto?.[def.name as keyof typeof auto]);
        else results[def.name] = resultOf(def, imported.get(`${u.id}\u0000${def.name}`) ?? null);
      }
      return { unitId: u.id, unitName: u.name, results, negativeStreak: streaks.get(u.id) ?? 0 };
    });
    out.push({ group, doc: buildRanking({ kind, periodKey, scope: group.scope, scopeName: group.scopeName, defs, units: members, computedAt }, deps.rules.unit_rating) });
  }
  return out;
}

const raw = (def: Parameters<typeof resultOf>[0], v: RawValue | undefined): IndicatorResult => resultOf(def, v?.value ?? null, v?.detail);

/**
 * For each unit, how many periods of the same kind just before this one it was published in a
 * negative class (工作提示单位 or worse), counting back until a period where it was not, or that was
 * never published. Only as far back as the longest `consecutive_periods` rule needs.
 */
export async function negativeStreaks(deps: CoreDeps, periodKey: string, scope: string): Promise<Map<string, number>> {
  const depth = Math.max(0, ...deps.rules.unit_rating.negative.map((r) => (r.consecutive_periods ?? 1) - 1));
  const streaks = new Map<string, number>();
  let running: Set<string> | null = null;
  let key = periodKey;
  for (let i = 1; i <= depth; i++) {
    key = previousOfSameKind(key);
    const published = (await latestPublications(deps.db, { scope, periodKey: key }))[0];
    if (!published) break;
    const negative = new Set(published.doc.rows.filter((r) => isNegativeClass(classOf(r))).map((r) => r.unitId));
    const still: Set<string> = running === null ? negative : new Set([...running].filter((id) => negative.has(id)));
    for (const id of still) streaks.set(id, i);
    if (still.size === 0) break;
    running = still;
  }
  return streaks;
}
