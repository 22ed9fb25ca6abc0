import type { CoreDeps } from '../deps';
import { progressByPerson } from './credits-status';
import { formatHours } from './hours';

export const CREDITS_LEDGER_COLUMNS = [
  'year',
  'unit',
  'name',
  'open_id',
  'total_hours',
  'online_hours',
  'required_hours',
  'target_hours',
  'met',
  'offline_hours',
  'requirements',
] as const;

const PEOPLE_PER_BATCH = 500;

/**
 * The `credits` ledger of a year: everyone active, plus anyone who has left but has records that
 * year. Hours are approved hours as recorded (before caps), so they add up to the imported files;
 * `met` is 1 or 0 and follows the rules (each requirement, caps) like `/学分` does; `requirements` shows each.
 */
export async function* creditsLedgerRows(deps: CoreDeps, yearKey: string): AsyncGenerator<Record<string, string | number>> {
  const year = Number(yearKey);
  const withRecords = deps.db.selectFrom('training_records').select('open_id').where('year', '=', year);
  const people = await deps.db
    .selectFrom('people')
    .leftJoin('units', 'units.id', 'people.unit_id')
    .select(['people.open_id as openId', 'people.name as name', 'people.unit_id as unitId', 'units.name as unitName'])
    .where((eb) => eb.or([eb('people.active', '=', 1), eb('people.open_id', 'in', withRecords)]))
    .orderBy('people.unit_id')
    .orderBy('people.open_id')
    .execute();
  for (let i = 0; i < people.length; i += PEOPLE_PER_BATCH) {
    const batch = people.slice(i, i + PEOPLE_PER_BATCH);
    const progress = await progressByPerson(deps.db, deps.rules, year, batch.map((p) => p.openId));
    for (const person of batch) {
      const p = progress.get(person.openId)!;
      yield {
        year,
        unit: person.unitName ?? person.unitId,
        name: person.name,
        open_id: person.openId,
        total_hours: formatHours(p.totalHours),
        online_hours: formatHours(p.onlineHours),
        required_hours: formatHours(p.requiredHours),
        target_hours: formatHours(p.target),
        met: p.met ? 1 : 0,
        offline_hours: formatHours(p.offlineHours),
        // Each requirement on its own ("集中培训 60/90；网络学习 50/50"): met is 1 only when all are.
        requirements: p.requirements.map((r) => `${r.name} ${formatHours(r.counted)}/${formatHours(r.hours)}`).join('；'),
      };
    }
  }
}
