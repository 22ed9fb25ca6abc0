import type { CoreDeps } from '../deps';
import { forbidden, invalidInput, notFound } from '../errors';
import { findActivePeople, findActiveUnits, findPeopleByName, findUnit, isInSupervisorChain } from '../org/people.repository';
import { hasRole, isAdminOf, type Person } from '../org/person';
import { shanghaiDate } from '../calendar/periods';
import { progressByPerson } from './credits-status';
import type { PersonCredits, UnitCredits } from './credits-views';
import { yearProgress } from './progress';
import { recordsOfYearByPerson } from './training-records.repository';
import { unitCompletion } from './unit-summary';

export const OTHERS_REFUSED = '仅考核管理员可查询他人学时（主管领导可查询本人下属）。如需了解本人学时，请直接发送“学分”。';

/** How many of the latest records a person card lists. */
export const RECENT_RECORDS = 8;

export type CreditsAnswer = ({ type: 'person' } & PersonCredits) | ({ type: 'unit' } & UnitCredits);

const OWN_UNIT_WORDS = new Set(['本单位', '本处', '本科室', '本部门']);

/**
 * What `/学分 [姓名|本单位|单位名]` shows `actor`. Without arguments: the actor. Others' figures only
 * to admins of their unit, the organisation's admins and people above them in the supervisor chain;
 * anyone else gets the same refusal whether or not the name exists, so staff cannot probe names.
 */
export async function answerCreditsQuery(deps: CoreDeps, actor: Person, args: string): Promise<CreditsAnswer> {
  const year = currentYear(deps);
  const query = args.trim();
  if (query === '' || query === actor.name) return { type: 'person', ...(await personCredits(deps, actor, year)) };

  const mayAskOthers = hasRole(actor, 'admin') || hasRole(actor, 'unit_admin') || hasRole(actor, 'supervisor');
  if (!mayAskOthers) throw forbidden(OTHERS_REFUSED);

  if (OWN_UNIT_WORDS.has(query)) {
    if (!isAdminOf(actor, actor.unitId)) throw forbidden('仅考核管理员可查看本单位学时汇总。');
    return { type: 'unit', ...(await unitCredits(deps, actor.unitId, year)) };
  }
  const units = (await findActiveUnits(deps.db)).filter((u) => u.name === query);
  const unit = units.find((u) => isAdminOf(actor, u.id));
  if (unit) return { type: 'unit', ...(await unitCredits(deps, unit.id, year)) };

  const subject = await findVisiblePerson(deps, actor, query);
  return { type: 'person', ...(await personCredits(deps, subject, year)) };
}

/** `姓名` or `姓名 单位名` (for two people of the same name), limited to whom the actor may see. */
async function findVisiblePerson(deps: CoreDeps, actor: Person, query: string): Promise<Person> {
  const [name = '', unitName] = query.split(/\s+/, 2);
  let candidates = await findPeopleByName(deps.db, name);
  if (unitName) {
    const unitIds = new Set((await findActiveUnits(deps.db)).filter((u) => u.name === unitName).map((u) => u.id));
    candidates = candidates.filter((p) => unitIds.has(p.unitId));
  }
  const visible: Person[] = [];
  for (const person of candidates) {
    if (isAdminOf(actor, person.unitId) || (await isInSupervisorChain(deps.db, actor.openId, person))) visible.push(person);
  }
  const isAnyAdmin = hasRole(actor, 'admin') || hasRole(actor, 'unit_admin');
  if (visible.length === 0) {
    if (!isAnyAdmin) throw forbidden(OTHERS_REFUSED);
    throw candidates.length > 0
      ? forbidden(`${name} 不在您管理的单位，您无权查看其学时。`)
      : notFound(`未找到名为“${name}”的在册人员，请核对姓名。`);
  }
  if (visible.length > 1) {
    const names = await Promise.all(visible.map(async (p) => (await findUnit(deps.db, p.unitId))?.name ?? p.unitId));
    throw invalidInput(`有 ${visible.length} 位名为“${name}”的人员（${names.join('、')}），请加上单位名，例如：学分 ${name} ${names[0]}`);
  }
  return visible[0]!;
}

export async function personCredits(deps: CoreDeps, person: Person, year: number): Promise<PersonCredits> {
  const records = (await recordsOfYearByPerson(deps.db, year, [person.openId])).get(person.openId) ?? [];
  const progress = yearProgress(records, deps.rules.training, { year });
  const unit = await findUnit(deps.db, person.unitId);
  return { person, unitName: unit?.name ?? person.unitId, progress, recent: records.slice(0, RECENT_RECORDS), recordCount: records.length };
}

export async function unitCredits(deps: CoreDeps, unitId: string, year: number): Promise<UnitCredits> {
  const unit = await findUnit(deps.db, unitId);
  const people = await findActivePeople(deps.db, { unitId });
  const progress = await progressByPerson(deps.db, deps.rules, year, people.map((p) => p.openId));
  const completion = unitCompletion(people.map((p) => ({ openId: p.openId, name: p.name, progress: progress.get(p.openId)! })));
  return { unitId, unitName: unit?.name ?? unitId, year, completion };
}

export function currentYear(deps: CoreDeps): number {
  return Number(shanghaiDate(deps.clock.now()).slice(0, 4));
}
