import { audit } from '../audit';
import type { CoreDeps } from '../deps';
import { forbidden } from '../errors';
import { findUnit } from '../org/people.repository';
import { hasRole, type Person } from '../org/person';
import { weekRoster, weeklyParticipants, type RosterEntry } from './week-roster';
import { writableWeek } from './week-window';
import { formView } from './weekly-views';
import { owesRecord } from './weekly-status';

export interface Team {
  people: Person[];
  /** 直接下属, or the unit's name for a unit admin. */
  scopeLabel: string;
}

/** Whose records a caller oversees: a unit admin their unit, a supervisor their direct reports. */
export async function teamOf(deps: CoreDeps, actor: Person): Promise<Team> {
  if (hasRole(actor, 'unit_admin') || hasRole(actor, 'admin')) {
    const unit = await findUnit(deps.db, actor.unitId);
    return { people: byName(await weeklyParticipants(deps.db, { unitId: actor.unitId })), scopeLabel: unit?.name ?? actor.unitId };
  }
  return { people: byName(await weeklyParticipants(deps.db, { leaderOpenId: actor.openId })), scopeLabel: '直接下属' };
}

const byName = (people: Person[]) => [...people].sort((a, b) => a.name.localeCompare(b.name, 'zh'));

export const nudgeKey = (weekKey: string, openId: string) => `weekly-nudge:${weekKey}:${openId}`;

/**
 * 提醒未交: one gentle private reminder per person who still owes the week's record. The key is per
 * (week, person), so a second click or a second supervisor sends nothing more.
 */
export async function remindTeam(deps: CoreDeps, actor: Person, weekKey: string): Promise<{ owing: RosterEntry[] }> {
  const now = deps.clock.now();
  const schedule = writableWeek(deps, weekKey, now);
  const team = await teamOf(deps, actor);
  if (team.people.length === 0) throw forbidden('您没有需要督促填写周记的下属。');
  const owing = (await weekRoster(deps, schedule.weekKey, team.people, now)).filter((e) => owesRecord(e.status) && e.person.openId !== actor.openId);
  for (const e of owing) {
    const card = deps.cards.weekly.form(await formView(deps, deps.db, e.person, schedule, 'nudge', now));
    await deps.messenger.send({ type: 'open_id', id: e.person.openId }, { kind: 'card', card }, nudgeKey(schedule.weekKey, e.person.openId));
  }
  await audit(deps.db, now, {
    actor: actor.openId,
    action: 'weekly.remind',
    entityType: 'week',
    entityId: schedule.weekKey,
    after: { reminded: owing.map((e) => e.person.openId) },
  });
  return { owing };
}
