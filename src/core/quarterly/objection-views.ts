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
import { findResult } from './results.repository';
import type { ObjectionReviewView } from './views';

export const OUTCOME_LABELS = { open: '待处理', rejected: '维持原结果', upheld: '异议成立，已更正' } as const;

/** The handler's card for one objection, from the stored rows (current tier, months, reason). */
export async function objectionReviewView(db: Kysely<Database>, rules: Rules, o: Objection): Promise<ObjectionReviewView> {
  const result = await findResult(db, o.openId, o.quarterKey);
  const people = await peopleByOpenId(db, [o.openId, ...(o.decidedBy ? [o.decidedBy] : [])]);
  const months = await gradedMonthsOf(db, [o.openId], monthsOfQuarter(o.quarterKey));
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
