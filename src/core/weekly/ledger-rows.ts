import { personRowToPerson, type Person } from '../org/person';
import { shanghaiDate, shanghaiTime } from '../calendar/periods';
import type { CoreDeps } from '../deps';
import { scheduleOf, weekRoster, weeklyParticipants } from './week-roster';
import { findLogsOfWeek } from './weekly.repository';
import { logContent } from './weekly-log';

export const WEEKLY_LEDGER_COLUMNS = ['week', 'unit', 'name', 'open_id', 'status', 'submitted_at', 'content'] as const;

/** `2026-11-20T17:30:00+08:00`: unambiguous, and reads as the Shanghai wall clock in a spreadsheet. */
export function shanghaiIso(iso: string): string {
  const t = new Date(iso);
  return `${shanghaiDate(t)}T${shanghaiTime(t)}:${String(t.getUTCSeconds()).padStart(2, '0')}+08:00`;
}

/**
 * The weekly-logs ledger: one row per active participant, plus anyone since deactivated who wrote a
 * record that week. The status is the same rule every other view uses (weekStatus), written in the
 * contract's six values. In a week with
 * no workday nobody is expected, so only written records appear.
 */
export async function weeklyLedgerRows(deps: CoreDeps, weekKey: string): Promise<Array<Record<(typeof WEEKLY_LEDGER_COLUMNS)[number], string>>> {
  // Nobody owes a week that was due before they joined.
  const active = await weeklyParticipants(deps.db, {}, scheduleOf(deps, weekKey).dueAt);
  const activeIds = new Set(active.map((p) => p.openId));
  const writers = (await findLogsOfWeek(deps.db, weekKey)).map((l) => l.openId).filter((id) => !activeIds.has(id));
  const former: Person[] = writers.length
    ? (await deps.db.selectFrom('people').selectAll().where('open_id', 'in', writers).execute()).map(personRowToPerson)
    : [];
  const units = new Map((await deps.db.selectFrom('units').select(['id', 'name']).execute()).map((u) => [u.id, u.name]));
  const roster = await weekRoster(deps, weekKey, [...active, ...former]);
  return roster
    .filter((e) => e.status !== 'no_workday')
    .sort((a, b) => a.person.unitId.localeCompare(b.person.unitId) || a.person.name.localeCompare(b.person.name, 'zh') || a.person.openId.localeCompare(b.person.openId))
    .map((e) => ({
      week: weekKey,
      unit: units.get(e.person.unitId) ?? e.person.unitId,
      name: e.person.name,
      open_id: e.person.openId,
      // CONTRACT.md allows six statuses; a week still running reads "not submitted (yet)" as missing.
      status: e.status === 'not_due' ? 'missing' : e.status,
      submitted_at: e.log ? shanghaiIso(e.log.submittedAt) : '',
      content: e.log ? logContent(e.log) : '',
    }));
}
