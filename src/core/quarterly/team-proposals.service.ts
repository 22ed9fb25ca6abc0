import { formatQuarterLabel } from '../calendar/periods';
import type { CoreDeps } from '../deps';
import { groupBy } from '../group-by';
import { leaderLinks } from '../org/people.repository';
import type { Person } from '../org/person';
import { scoreText } from './format';
import { peopleByOpenId } from './people.repository';
import { findResultsOf } from './results.repository';
import type { TeamProposalView } from './views';

const STATUS_LABELS = { proposed: '待审定', confirmed: '已审定', corrected: '已更正' } as const;

/**
 * /审定 for a 处室 supervisor who does not determine: the quarter's proposals (or results) of the
 * people they lead, directly or down the chain, and nobody else's. Read-only.
 */
export async function teamProposals(deps: CoreDeps, actor: Person, quarterKey: string): Promise<TeamProposalView> {
  const led = await peopleLedBy(deps, actor.openId);
  const results = await findResultsOf(deps.db, led.map((p) => p.openId), quarterKey);
  const rows: TeamProposalView['rows'] = [];
  for (const person of led) {
    const r = results.get(person.openId);
    if (!r) continue;
    rows.push({ name: person.name, pool: r.pool, score: scoreText(r.score), proposedTier: r.proposedTier, tier: r.tier, status: STATUS_LABELS[r.status] });
  }
  rows.sort((a, b) => a.pool.localeCompare(b.pool, 'zh-CN') || a.name.localeCompare(b.name, 'zh-CN'));
  return { quarterLabel: formatQuarterLabel(quarterKey), rows };
}

/**
 * The active people `leaderId` leads, directly or down the chain (through people who have left
 * too), found from the leader links read once. Walking each person's chain up, a query a step, was
 * 110,000 queries for a city.
 */
async function peopleLedBy(deps: CoreDeps, leaderId: string): Promise<Person[]> {
  const ledBy = groupBy(await leaderLinks(deps.db), (l) => l.leaderOpenId);
  const found = new Set<string>([leaderId]);
  for (const queue = [leaderId]; queue.length > 0; ) {
    for (const { openId: id } of ledBy.get(queue.pop()!) ?? []) {
      if (found.has(id)) continue;
      found.add(id);
      queue.push(id);
    }
  }
  found.delete(leaderId);
  return [...(await peopleByOpenId(deps.db, [...found])).values()].filter((p) => p.active);
}
