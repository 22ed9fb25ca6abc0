import type { Kysely } from 'kysely';
import type { Rules } from '../rules/rules';
import type { Database } from '../../db/schema';
import { yearProgress, type YearProgress } from './progress';
import { recordsOfYearByPerson } from './training-records.repository';

/** Each person's progress for `year`, from the stored records (approved count, pending shown apart). */
export async function progressByPerson(
  db: Kysely<Database>,
  rules: Rules,
  year: number,
  openIds: ReadonlyArray<string>,
): Promise<Map<string, YearProgress>> {
  const records = await recordsOfYearByPerson(db, year, openIds);
  const result = new Map<string, YearProgress>();
  for (const openId of openIds) {
    result.set(openId, yearProgress(records.get(openId) ?? [], rules.training, { year }));
  }
  return result;
}

/**
 * Whether each person met the year's 学时 requirement (used by the annual/quarterly features for
 * `annual.require_training`). Everyone asked for is in the map; no records means false unless the
 * target is 0.
 */
export async function trainingMetByPerson(
  db: Kysely<Database>,
  rules: Rules,
  year: number,
  openIds: string[],
): Promise<Map<string, boolean>> {
  const progress = await progressByPerson(db, rules, year, openIds);
  return new Map([...progress].map(([openId, p]) => [openId, p.met]));
}
