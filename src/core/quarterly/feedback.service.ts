import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import { formatQuarterLabel, monthsOfQuarter } from '../calendar/periods';
import type { CoreDeps } from '../deps';
import { objectionDeadline } from './objection-window';
import { dateLabel, monthLabel, scoreText } from './format';
import { gradedMonthsOf, type GradedMonth } from './graded-months.repository';
import { peopleByOpenId, unitName } from './people.repository';
import type { PoolKey, QuarterResult } from './results.repository';
import type { MonthLine } from './views';
import { UNDETERMINED } from '../rules/terms';
import { describeParts } from '../peers/compose';
import { groupBy } from '../group-by';
import type { Addressed } from '../ports';

type Db = Kysely<Database>;

export function monthLines(months: readonly GradedMonth[]): MonthLine[] {
  return months.map((m) => ({ label: monthLabel(m.monthKey), tier: m.tier, score: scoreText(m.total), comment: m.comment }));
}

/**
 * A person told only "不定等次" cannot know whether to object: say what decided it. The proposal's
 * stored basis ends with the advice to the admin; the person gets the facts before it.
 */
export function undeterminedReason(r: Pick<QuarterResult, 'proposedTier' | 'basis'>): string {
  if (r.proposedTier !== UNDETERMINED || !r.basis) return '由本单位考核管理员审定为不定等次，如有疑问可向其咨询或提出异议。';
  const facts = r.basis.replace(/，建议季度不定等次.*$/, '');
  return `${facts}，按规定本季度不定等次（不影响其他季度，不占“好”等次名额）。`;
}

/**
 * 结果反馈: each person of a just-confirmed pool gets their own card (tier, score, the months'
 * supervisor comments, how to object and by when); each supervisor gets only their own direct
 * reports. Queued on `db` — the confirming transaction — so nothing is sent unless the lock holds.
 */
export async function deliverQuarterFeedback(
  db: Db,
  deps: CoreDeps,
  pool: PoolKey,
  confirmed: readonly QuarterResult[],
  at: Date,
): Promise<void> {
  if (confirmed.length === 0) return;
  const messenger = deps.messengerFor(db);
  const quarterLabel = formatQuarterLabel(pool.quarterKey);
  const months = await gradedMonthsOf(db, confirmed.map((r) => r.openId), monthsOfQuarter(pool.quarterKey));
  const people = await peopleByOpenId(db, confirmed.map((r) => r.openId));
  const deadline = dateLabel(objectionDeadline(at.toISOString(), deps.calendar, deps.rules));

  // Queued together: a pool is up to a few hundred people, and this runs inside the 确认审定 click.
  const messages: Addressed[] = [];
  const told: QuarterResult[] = [];
  for (const r of confirmed) {
    const person = people.get(r.openId);
    if (!person?.active) continue;
    told.push(r);
    const card = deps.cards.quarterly.feedback({
      name: person.name,
      quarterLabel,
      level: r.level,
      tier: r.tier,
      score: scoreText(r.score),
      composition: r.leaderScore === null ? null : describeParts({ leader: r.leaderScore, peer: r.peerScore, peerAnswers: r.peerAnswers, service: r.serviceAdjustment }, r.score, deps.rules),
      months: monthLines(months.get(r.openId) ?? []),
      ...(r.tier === UNDETERMINED ? { undeterminedReason: undeterminedReason(r) } : {}),
      deadlineLabel: deadline,
      objectionWorkdays: deps.rules.quarterly.objection_workdays,
    });
    messages.push({ to: { type: 'open_id', id: r.openId }, message: { kind: 'card', card }, key: `quarter-feedback:${pool.quarterKey}:${r.openId}` });
  }

  const leaderOf = (r: QuarterResult) => people.get(r.openId)!.leaderOpenId;
  const teams = groupBy(
    told.filter((r) => leaderOf(r) && leaderOf(r) !== r.openId),
    (r) => leaderOf(r)!,
  );
  const leaders = await peopleByOpenId(db, [...teams.keys()]);
  const unit = await unitName(db, pool.scopeId);
  for (const [leaderId, team] of teams) {
    if (!leaders.get(leaderId)?.active) continue;
    const rows = team
      .map((r) => ({ name: people.get(r.openId)?.name ?? r.openId, score: scoreText(r.score), tier: r.tier, raw: r.score }))
      .sort((a, b) => (b.raw ?? -Infinity) - (a.raw ?? -Infinity) || a.name.localeCompare(b.name, 'zh-CN'))
      .map(({ raw: _raw, ...row }) => row);
    const card = deps.cards.quarterly.teamSummary({ quarterLabel, unitName: unit, level: pool.pool, rows });
    messages.push({ to: { type: 'open_id', id: leaderId }, message: { kind: 'card', card }, key: `quarter-summary:${pool.quarterKey}:${pool.scopeId}:${pool.pool}:${leaderId}` });
  }
  await messenger.sendAll(messages);
}
