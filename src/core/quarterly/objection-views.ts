import type { Kysely } from 'kysely';
import type { Rules } from '../rules/rules';
import type { Database } from '../../db/schema';
import { formatQuarterLabel, monthsOfQuarter } from '../calendar/periods';
import type { Objection } from './objection.repository';
import { tierOptions } from './tier-choice';
import { monthLines } from './feedback.service';
import { instantLabel, scoreText } from './format';
import { gradedMonthsOf } from './graded-months.repository';
import { peopleByOpenId, unitName } from './people.repository';
import { findResult, findScopeQuarterResults, type QuarterResult } from './results.repository';
import { quotaRulesFor } from './quota-share';
import { seatsOfScope } from './scope-quota';
import type { ObjectionReviewView } from './views';

/** How many of the pool's lowest-scoring 好 the review card offers to move to 较好 with an upheld 好. */
const SWAP_CANDIDATES = 5;

export const OUTCOME_LABELS = { open: '待处理', rejected: '维持原结果', upheld: '异议成立，已更正' } as const;

/** The handler's card for one objection, from the stored rows (current tier, months, reason). */
export async function objectionReviewView(db: Kysely<Database>, rules: Rules, o: Objection): Promise<ObjectionReviewView> {
  const result = await findResult(db, o.openId, o.quarterKey);
  const people = await peopleByOpenId(db, [o.openId, ...(o.decidedBy ? [o.decidedBy] : [])]);
  const months = await gradedMonthsOf(db, [o.openId], monthsOfQuarter(o.quarterKey));
  const pool = await poolStanding(db, rules, result);
  return {
    objectionId: o.id,
    name: people.get(o.openId)?.name ?? o.openId,
    unitName: result ? await unitName(db, result.unitId) : '',
    quarterLabel: formatQuarterLabel(o.quarterKey),
    level: result?.level ?? '',
    score: scoreText(result?.score ?? null),
    tier: result?.tier ?? o.oldTier ?? '',
    months: monthLines(months.get(o.openId) ?? []),
    reason: o.reason,
    filedAtLabel: instantLabel(o.createdAt),
    tierOptions: tierOptions(rules),
    seats: pool.seats,
    goodCount: pool.good.length,
    swapCandidates: o.status === 'open' ? pool.good.filter((r) => r.openId !== o.openId).slice(0, SWAP_CANDIDATES).map((r) => ({ openId: r.openId, label: `${pool.nameOf(r.openId)}（${scoreText(r.score)} 分）` })) : [],
    decided:
      o.status === 'open'
        ? null
        : {
            outcome: o.status === 'upheld' ? `${OUTCOME_LABELS.upheld}：${o.oldTier ?? ''} → ${o.newTier ?? ''}` : OUTCOME_LABELS.rejected,
            answer: o.answer ?? '',
            byName: people.get(o.decidedBy ?? '')?.name ?? o.decidedBy ?? '',
            atLabel: instantLabel(o.decidedAt ?? o.createdAt),
          },
  };
}

/** The objector's pool: its seats now and its 好, lowest score first (the swap candidates). */
async function poolStanding(db: Kysely<Database>, rules: Rules, result: QuarterResult | null) {
  if (!result) return { seats: 0, good: [] as QuarterResult[], nameOf: (id: string) => id };
  const scope = await findScopeQuarterResults(db, result.scopeId, result.quarterKey);
  const quota = (await quotaRulesFor(db, rules, result.scopeId, result.quarterKey)).rules;
  const seats = seatsOfScope(scope.map((r) => ({ personId: r.openId, pool: r.pool, tier: r.tier })), quota).seats[result.pool] ?? 0;
  const good = scope
    .filter((r) => r.pool === result.pool && r.tier === '好')
    .sort((a, b) => (a.score ?? -Infinity) - (b.score ?? -Infinity) || (a.openId < b.openId ? -1 : 1));
  const names = await peopleByOpenId(db, good.map((r) => r.openId));
  return { seats, good, nameOf: (id: string) => names.get(id)?.name ?? id };
}
