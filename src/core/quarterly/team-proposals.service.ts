import { formatQuarterLabel } from '../calendar/periods';
import type { CoreDeps } from '../deps';
import { findActivePeople, isInSupervisorChain } from '../org/people.repository';
import type { Person } from '../org/person';
import { scoreText } from './format';
import { findResult } from './results.repository';
import type { TeamProposalView } from './views';

const STATUS_LABELS = { proposed: '待审定', confirmed: '已审定', corrected: '已更正' } as const;

/**
 * /审定 for a 处室 supervisor who does not determine: the quarter's proposals (or results) of the
 * people they lead, directly or down the chain, and nobody else's. Read-only.
 */
export async function teamProposals(deps: CoreDeps, actor: Person, quarterKey: string): Promise<TeamProposalView> {
  const rows: TeamProposalView['rows'] = [];
  for (const person of await findActivePeople(deps.db)) {
    if (person.openId === actor.openId || !(await isInSupervisorChain(deps.db, actor.openId, person))) continue;
    const r = await findResult(deps.db, person.openId, quarterKey);
    if (!r) continue;
    rows.push({ name: person.name, pool: r.pool, score: scoreText(r.score), proposedTier: r.proposedTier, tier: r.tier, status: STATUS_LABELS[r.status] });
  }
  rows.sort((a, b) => a.pool.localeCompare(b.pool, 'zh-CN') || a.name.localeCompare(b.name, 'zh-CN'));
  return { quarterLabel: formatQuarterLabel(quarterKey), rows };
}
