import type { CoreDeps } from '../deps';
import { findActiveAdmins, findActivePeople, findActiveUnits } from '../org/people.repository';
import { checkpointDate, isBehind, type CheckpointKind } from './checkpoint';
import { progressByPerson } from './credits-status';
import { creditAdminsAmong } from './credits-people';
import { CHECKPOINT_LABELS } from './credits-views';
import { unitCompletion } from './unit-summary';
import { groupBy } from '../group-by';
import type { Addressed } from '../ports';
import { sendInBatches } from '../send-in-batches';

export interface CheckpointRun {
  notified: number;
  onTrack: number;
  summaries: number;
}

/**
 * One checkpoint (`2026-midyear`): a private notice to each active person behind, a unit summary to
 * each unit's 考核管理员 (the admins for a unit without one). Message keys carry the period and the
 * person, so a re-run after a crash sends nothing twice; people on track get nothing.
 */
export async function runCreditsCheckpoint(deps: CoreDeps, periodKey: string): Promise<CheckpointRun> {
  const match = /^(\d{4})-(midyear|yearend)$/.exec(periodKey);
  if (!match) throw new Error(`学时检查点期间无效：${periodKey}`);
  const year = Number(match[1]);
  const kind = match[2] as CheckpointKind;

  // Nobody is told about a checkpoint that passed before they joined (a first start in November
  // must not send June's reminder).
  const day = checkpointDate(year, kind, deps.rules.training);
  const people = (await findActivePeople(deps.db)).filter((p) => p.joinedOn <= day);
  const progress = await progressByPerson(deps.db, deps.rules, year, people.map((p) => p.openId));
  const behind = people.filter((p) => isBehind(progress.get(p.openId)!, kind, deps.rules.training));
  const notified = await sendInBatches(deps.messenger, behind, (person) => ({
    to: { type: 'open_id', id: person.openId },
    message: { kind: 'card', card: deps.cards.credits.checkpoint(progress.get(person.openId)!, kind) },
    key: `credits-checkpoint:${periodKey}:${person.openId}`,
  }));

  const byUnit = groupBy(people, (p) => p.unitId);
  // Read once: every unit's summary goes to its admins, and reading them per unit scanned the city 2,000 times.
  const admins = await findActiveAdmins(deps.db);
  const units = await findActiveUnits(deps.db);
  // Each unit's card built once, as its turn comes, for each of its admins.
  function* unitSummaries(): Generator<Addressed> {
    for (const unit of units) {
      const members = byUnit.get(unit.id);
      if (!members) continue;
      const completion = unitCompletion(members.map((m) => ({ openId: m.openId, name: m.name, progress: progress.get(m.openId)! })));
      const card = deps.cards.credits.unit({ unitId: unit.id, unitName: unit.name, year, completion }, { subtitle: CHECKPOINT_LABELS[kind] });
      for (const admin of creditAdminsAmong(admins, unit.id)) {
        yield { to: { type: 'open_id', id: admin.openId }, message: { kind: 'card', card }, key: `credits-checkpoint-unit:${periodKey}:${unit.id}:${admin.openId}` };
      }
    }
  }
  const sent = await sendInBatches(deps.messenger, unitSummaries(), (message) => message);
  return { notified, onTrack: people.length - behind.length, summaries: sent };
}
