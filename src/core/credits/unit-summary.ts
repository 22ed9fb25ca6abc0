import type { YearProgress } from './progress';

export interface UnitMember {
  openId: string;
  name: string;
  progress: YearProgress;
}

export interface UnitCompletion {
  headcount: number;
  met: number;
  /** met / headcount, 0–1 rounded to 4 decimals; 0 for an empty unit. */
  completionRate: number;
  /** Everyone not yet meeting the requirement, most hours missing first. */
  behind: Array<{ openId: string; name: string; remainingHours: number; /** "集中培训差 30、网络学习差 10" */ missing: string }>;
}

/**
 * A unit's completion. People who are only short of online or required hours count as behind
 * even when their `remainingHours` is 0; they sort last. Names are compared in Chinese order for
 * display only, with open_id as the final tie-break so the order is stable.
 */
export function unitCompletion(people: ReadonlyArray<UnitMember>): UnitCompletion {
  const headcount = people.length;
  const met = people.filter((person) => person.progress.met).length;
  const behind = people
    .filter((person) => !person.progress.met)
    .map((person) => ({
      openId: person.openId,
      name: person.name,
      remainingHours: person.progress.remainingHours,
      missing: person.progress.unmetReasons.join('、'),
    }))
    .sort(
      (a, b) =>
        b.remainingHours - a.remainingHours ||
        a.name.localeCompare(b.name, 'zh') ||
        (a.openId < b.openId ? -1 : a.openId > b.openId ? 1 : 0),
    );
  const completionRate = headcount === 0 ? 0 : Math.round((met / headcount) * 10000) / 10000;
  return { headcount, met, completionRate, behind };
}
