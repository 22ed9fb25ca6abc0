import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../db/schema';
import type { CoreDeps } from '../deps';
import { loadUnitTree } from './compute.service';
import { praisedPeople } from './praise.service';
import type { StoredPublication } from './ranking.repository';
import { dueAnnouncements, markAnnounced, publicationVersion } from './ranking.repository';
import { changeText, cityAnnouncementView, unitAnnouncementView } from './view-models';

type Db = Kysely<Database> | Transaction<Database>;

export interface AnnounceResult {
  units: number;
  /** Ranked units without a group chat: nothing could be sent to them. */
  withoutChat: string[];
  summaryCards: number;
}

const announceKey = (p: StoredPublication, to: string) => `unit-ranking:${p.rankingId}:v${p.version}:${to}`;

/**
 * Queues a publication's announcements: each ranked unit's chat gets its own card (its position, why,
 * what pulled it down, the top of the table and its own row), the city chat (and the organ's chat when
 * its 处室 are ranked) the whole table. A correction goes to the units whose own line changed, and in
 * full to the summary chats. Keys carry the version, so nothing is sent twice.
 */
export async function queueAnnouncements(db: Db, deps: CoreDeps, p: StoredPublication): Promise<AnnounceResult> {
  const previous = p.version > 1 ? await publicationVersion(db, p.rankingId, p.version - 1) : null;
  const tree = await loadUnitTree(deps, db as Kysely<Database>);
  const chats = new Map((await db.selectFrom('units').select(['id', 'chat_id']).execute()).map((u) => [u.id, u.chat_id]));
  const praise = p.kind === 'training' ? new Map<string, string[]>() : await praisedPeople(deps, db as Kysely<Database>, p.periodKey, tree);
  const messenger = deps.messengerFor(db as Kysely<Database>);
  const result: AnnounceResult = { units: 0, withoutChat: [], summaryCards: 0 };
  for (const row of p.doc.rows) {
    const before = previous?.doc.rows.find((r) => r.unitId === row.unitId);
    if (before && changeText(before, row) === null) continue;
    const chat = chats.get(row.unitId);
    if (!chat) {
      result.withoutChat.push(row.unitName);
      continue;
    }
    const view = unitAnnouncementView(p.doc, row.unitId, { topN: deps.rules.unit_rating.announce_top_n, previous, praise: praise.get(row.unitId) ?? null });
    await messenger.send({ type: 'chat_id', id: chat }, { kind: 'card', card: deps.cards.ranking.unitAnnouncement(view) }, announceKey(p, row.unitId));
    result.units++;
  }
  const cards = deps.cards.ranking.cityAnnouncement(cityAnnouncementView(p.doc, previous));
  for (const chat of summaryChats(deps, p.scope, chats)) {
    for (let i = 0; i < cards.length; i++) {
      await messenger.send({ type: 'chat_id', id: chat }, { kind: 'card', card: cards[i]! }, announceKey(p, `chat:${chat}:p${i}`));
      result.summaryCards++;
    }
  }
  return result;
}

/** The city chat; with 处室 ranked, also the organ's own chat. */
function summaryChats(deps: CoreDeps, scope: string, chats: Map<string, string | null>): string[] {
  const out = deps.rules.unit_rating.city_chat_id ? [deps.rules.unit_rating.city_chat_id] : [];
  const organChat = scope === 'all' ? null : chats.get(scope);
  if (organChat && !out.includes(organChat)) out.push(organChat);
  return out;
}

/** The `unit-ranking-announce` job: publications that waited for the window and may go now. */
export async function announceDue(deps: CoreDeps): Promise<string> {
  const now = deps.clock.now();
  let publications = 0;
  let units = 0;
  for (const p of await dueAnnouncements(deps.db, now)) {
    await deps.db.transaction().execute(async (trx) => {
      if (!(await markAnnounced(trx, p.id, now))) return;
      units += (await queueAnnouncements(trx, deps, p)).units;
      publications++;
    });
  }
  return publications === 0 ? '没有待发送的排名通报' : `发送排名通报 ${publications} 份（${units} 个单位）`;
}
