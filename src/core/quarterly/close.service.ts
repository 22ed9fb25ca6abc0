import { formatQuarterLabel } from '../calendar/periods';
import type { CoreDeps } from '../deps';
import { findActiveUnits } from '../org/people.repository';
import type { Person } from '../org/person';
import { assertDeterminer, determinationView } from './determination.service';
import { determinersOf } from './people.repository';
import { proposeUnitQuarter } from './proposal.service';
import type { DeterminationView } from './views';

export const SYSTEM_ACTOR = 'system:quarter-close';

/**
 * The quarter-close job: per unit, store the proposals and send each determiner one card per
 * same-level pool. Each unit is its own transaction, so a failure in one unit neither loses nor
 * repeats another's cards when the job is run again (the keys make re-sends no-ops).
 */
export async function closeQuarter(deps: CoreDeps, quarterKey: string): Promise<string> {
  const at = deps.clock.now();
  let units = 0;
  let cardsSent = 0;
  let noData = 0;
  let unpooled = 0;
  for (const unit of await findActiveUnits(deps.db)) {
    await deps.db.transaction().execute(async (trx) => {
      const proposal = await proposeUnitQuarter(trx, deps.rules, unit.id, quarterKey, at, SYSTEM_ACTOR);
      if (!proposal.hasData) return void noData++;
      units++;
      unpooled += proposal.unpooled.length;
      const determiners = await determinersOf(trx, unit.id);
      const messenger = deps.messengerFor(trx);
      for (const pool of proposal.pools.filter((p) => !p.locked)) {
        const view = await determinationView(trx, deps.rules, { unitId: unit.id, quarterKey, level: pool.level });
        if (!view) continue;
        for (const admin of determiners) {
          const key = `quarter-close:${quarterKey}:${unit.id}:${pool.level}:${admin.openId}`;
          await messenger.send({ type: 'open_id', id: admin.openId }, { kind: 'card', card: deps.cards.quarterly.determination(view) }, key);
          cardsSent++;
        }
      }
    });
  }
  const parts = [`${formatQuarterLabel(quarterKey)}：${units} 个单位已生成建议等次，发出审定卡片 ${cardsSent} 张`];
  if (noData > 0) parts.push(`${noData} 个单位本季度没有月度考核结果，未生成`);
  if (unpooled > 0) parts.push(`${unpooled} 人职级不在同级同台分组内，未纳入`);
  return parts.join('；');
}

/**
 * /审定: the unit's pools of the quarter that are not yet confirmed, as cards, with the proposals
 * refreshed from the monthly results as they stand (the job may not have run, or ran before the
 * last month was graded).
 */
export async function openDeterminations(deps: CoreDeps, actor: Person, { unitId, quarterKey }: { unitId: string; quarterKey: string }): Promise<DeterminationView[]> {
  assertDeterminer(actor, unitId);
  const at = deps.clock.now();
  // Months graded or re-graded after the job ran (or when it has not run yet) are taken in.
  await deps.db.transaction().execute((trx) => proposeUnitQuarter(trx, deps.rules, unitId, quarterKey, at, actor.openId));
  const views: DeterminationView[] = [];
  for (const level of deps.rules.quarterly.pools) {
    const view = await determinationView(deps.db, deps.rules, { unitId, quarterKey, level });
    if (view && !view.locked) views.push(view);
  }
  return views;
}
