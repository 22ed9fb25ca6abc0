import type { Kysely, Selectable } from 'kysely';
import type { Database } from '../../db/schema';
import type { Rules } from '../rules/rules';
import { monthsOfQuarter } from '../calendar/periods';
import { round2 } from '../numbers';
import { groupBy } from '../group-by';
import { readBoth, readChunked, readRows, type Read } from '../read-together';
import type { PeerAggregate, ServiceEvidence, Voices } from './compose';

type Db = Kysely<Database>;

/** Whether any organ holds 民主测评 (rules.peers.organs not empty). */
export function peersOnAnywhere(rules: Pick<Rules, 'peers'>): boolean {
  const organs = rules.peers.organs;
  return organs === 'all' || organs.length > 0;
}

/** Whether the organ's people rate each other (rules.peers.organs). */
export function peersOnFor(rules: Pick<Rules, 'peers'>, organId: string): boolean {
  const organs = rules.peers.organs;
  return organs === 'all' || organs.includes(organId);
}

/**
 * Each ratee's 民主测评 for the period: the number who answered and, only from min_answers on, the
 * mean of every item's points. Below the threshold the score is never computed, so nothing shows it.
 */
function peerAggregatesRead(db: Db, rules: Pick<Rules, 'peers'>, periodKey: string, openIds: readonly string[]): Read<Map<string, PeerAggregate>> {
  const query = openIds.length === 0 ? null : db.selectFrom('peer_tallies').selectAll().where('period_key', '=', periodKey).where('ratee_open_id', 'in', [...openIds]);
  return readRows(query, (rows) => {
    const out = new Map<string, PeerAggregate>();
    const by = new Map<string, { answers: number; items: number; points: number; n: number }>();
    for (const r of rows) {
      const e = by.get(r.ratee_open_id) ?? { answers: Infinity, items: 0, points: 0, n: 0 };
      // Every answer rates every item, so the items' counts agree; the least is the safe count.
      e.answers = Math.min(e.answers, Number(r.answers));
      e.items++;
      e.points += Number(r.points);
      e.n += Number(r.answers);
      by.set(r.ratee_open_id, e);
    }
    for (const id of openIds) {
      const e = by.get(id);
      const answers = e && Number.isFinite(e.answers) ? e.answers : 0;
      out.set(id, { answers, score: e && answers >= rules.peers.min_answers && e.n > 0 ? round2(e.points / e.n) : null });
    }
    return out;
  });
}

/** Each person's evidence summed over the periods. */
function serviceEvidenceRead(db: Db, periodKeys: readonly string[], openIds: readonly string[]): Read<Map<string, ServiceEvidence>> {
  return serviceRatingsRead(db, periodKeys, openIds, (rows) => evidenceBy(rows, (r) => r.open_id));
}

/** Each person's evidence for each period on its own, by open_id then period (people with none are absent). */
export function serviceEvidenceByPeriodRead(db: Db, periodKeys: readonly string[], openIds: readonly string[]): Read<Map<string, Map<string, ServiceEvidence>>> {
  return serviceRatingsRead(db, periodKeys, openIds, (rows) => new Map([...groupBy(rows, (r) => r.open_id)].map(([openId, own]) => [openId, evidenceBy(own, (r) => r.period_key)])));
}

/** These people's 好差评 rows of these periods, a thousand people at a time. */
function serviceRatingsRead<T>(db: Db, periodKeys: readonly string[], openIds: readonly string[], map: (rows: Selectable<Database['service_ratings']>[]) => T): Read<T> {
  if (periodKeys.length === 0) return readRows(null, () => map([]));
  return readChunked(
    openIds,
    1000,
    (chunk) => db.selectFrom('service_ratings').selectAll().where('period_key', 'in', [...periodKeys]).where('open_id', 'in', chunk).orderBy('period_key'),
    map,
  );
}

function evidenceBy<R extends { good: number | string; bad: number | string; score: number | string | null }>(rows: readonly R[], keyOf: (r: R) => string): Map<string, ServiceEvidence> {
  const out = new Map<string, ServiceEvidence>();
  const scores = new Map<string, number[]>();
  for (const r of rows) {
    const key = keyOf(r);
    const e = out.get(key) ?? { good: 0, bad: 0, score: null };
    e.good += Number(r.good);
    e.bad += Number(r.bad);
    out.set(key, e);
    if (r.score !== null) scores.set(key, [...(scores.get(key) ?? []), Number(r.score)]);
  }
  for (const [key, xs] of scores) out.get(key)!.score = round2(xs.reduce((a, b) => a + b, 0) / xs.length);
  return out;
}

/**
 * The voices besides the supervisor's for each candidate of a quarter: the peer aggregate where the
 * person's organ has 民主测评, and the 好差评 imported for the quarter or its months.
 */
export function voicesOfQuarterRead(
  db: Db,
  rules: Pick<Rules, 'peers'>,
  quarterKey: string,
  people: ReadonlyArray<{ openId: string; organId: string }>,
): Read<Map<string, Voices>> {
  const ids = people.map((p) => p.openId);
  const withPeers = people.filter((p) => peersOnFor(rules, p.organId)).map((p) => p.openId);
  const service = serviceEvidenceRead(db, [quarterKey, ...monthsOfQuarter(quarterKey)], ids);
  return readBoth(peerAggregatesRead(db, rules, quarterKey, withPeers), service, (peers, evidence) => {
    const out = new Map<string, Voices>();
    for (const id of ids) out.set(id, { peer: peers.get(id) ?? undefined, service: evidence.get(id) ?? null });
    return out;
  });
}
