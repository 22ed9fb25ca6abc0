import type { UnitRow } from '../../db/schema';
import type { Rules } from '../rules/rules';

export interface RankedUnit {
  id: string;
  name: string;
  chatId: string | null;
}

/** One ranking: the city's organs (scope `all`), or one organ's 处室 (scope = the organ's id). */
export interface RankingGroup {
  scope: string;
  scopeName: string;
  units: RankedUnit[];
  /** Where the whole table is announced: the city chat, and in divisions mode the organ's chat. */
  summaryChats: string[];
}

export interface UnitTree {
  groups: RankingGroup[];
  /** The ranked unit a unit's people count for (the unit itself or an ancestor); null when none. */
  rankedUnitOf(unitId: string): string | null;
  /** The ranking group that holds a ranked unit, or the one a person's unit belongs to. */
  scopeOf(unitId: string): string | null;
  name(unitId: string): string;
}

export const CITY_SCOPE = 'all';

/**
 * Who is ranked, from the organisation: organs (units without a parent) city-wide, or each organ's
 * direct 处室 among themselves (people of the organ itself then count for no 处室). Every unit's
 * people count for the ranked unit above it; inactive units are not ranked but their history still maps.
 */
export function unitTree(units: readonly UnitRow[], rating: Pick<Rules['unit_rating'], 'ranked' | 'city_chat_id'>): UnitTree {
  const byId = new Map(units.map((u) => [u.id, u]));
  const chain = (unitId: string): string[] => {
    const out: string[] = [];
    const seen = new Set<string>();
    for (let u = byId.get(unitId); u && !seen.has(u.id); u = u.parent_id ? byId.get(u.parent_id) : undefined) {
      seen.add(u.id);
      out.push(u.id);
    }
    return out; // the unit, its parent, …, its organ
  };
  const organOf = (unitId: string): string | null => chain(unitId).at(-1) ?? null;
  const city = rating.city_chat_id ? [rating.city_chat_id] : [];
  const active = units.filter((u) => u.active === 1).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const ranked = (u: UnitRow): RankedUnit => ({ id: u.id, name: u.name, chatId: u.chat_id });

  if (rating.ranked === 'organs') {
    const organs = active.filter((u) => u.parent_id === null || !byId.has(u.parent_id));
    const ids = new Set(organs.map((o) => o.id));
    return {
      groups: organs.length > 0 ? [{ scope: CITY_SCOPE, scopeName: '全市', units: organs.map(ranked), summaryChats: city }] : [],
      rankedUnitOf: (unitId) => {
        const organ = organOf(unitId);
        return organ && ids.has(organ) ? organ : null;
      },
      scopeOf: (unitId) => (organOf(unitId) && ids.has(organOf(unitId)!) ? CITY_SCOPE : null),
      name: (unitId) => byId.get(unitId)?.name ?? unitId,
    };
  }
  const divisionOf = (unitId: string): string | null => {
    const c = chain(unitId);
    return c.length >= 2 ? c[c.length - 2]! : null;
  };
  const groups: RankingGroup[] = [];
  for (const organ of active.filter((u) => u.parent_id === null)) {
    const divisions = active.filter((u) => u.parent_id === organ.id);
    if (divisions.length === 0) continue;
    groups.push({ scope: organ.id, scopeName: organ.name, units: divisions.map(ranked), summaryChats: [...city, ...(organ.chat_id ? [organ.chat_id] : [])] });
  }
  const rankedIds = new Set(groups.flatMap((g) => g.units.map((u) => u.id)));
  return {
    groups,
    rankedUnitOf: (unitId) => {
      const d = divisionOf(unitId);
      return d && rankedIds.has(d) ? d : null;
    },
    scopeOf: (unitId) => organOf(unitId),
    name: (unitId) => byId.get(unitId)?.name ?? unitId,
  };
}
