import type { CoreDeps } from '../deps';
import { findActiveAdmins } from '../org/people.repository';
import { hasRole } from '../org/person';

/**
 * Tells the admins once per missing year (the key makes repeats no-ops) that jobs wait for the
 * year's holiday schedule: the city admins, who own the rules file, else the unit admins.
 */
export async function alertCalendarGap(deps: CoreDeps, year: number, job: string): Promise<number> {
  const people = await findActiveAdmins(deps.db);
  const cityAdmins = people.filter((p) => hasRole(p, 'admin'));
  const admins = cityAdmins.length > 0 ? cityAdmins : people.filter((p) => hasRole(p, 'unit_admin'));
  const card = deps.cards.maintenance.calendarGap({ year, job });
  for (const admin of admins) {
    await deps.messenger.send({ type: 'open_id', id: admin.openId }, { kind: 'card', card }, `calendar-gap:${year}:${admin.openId}`);
  }
  return admins.length;
}
