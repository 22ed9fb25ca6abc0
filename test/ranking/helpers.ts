import type { Kysely } from 'kysely';
import type { Database } from '../../src/db/schema';
import type { RankingDoc } from '../../src/core/ranking/ranking-doc';
import { insertPublication } from '../../src/core/ranking/ranking.repository';
import type { UnitClass } from '../../src/core/rules/terms';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import type { RulesInput } from '../../src/core/rules/rules';
import { buildOrg, type SandboxMessage, type SandboxOrg } from '../../src/sandbox';
import { cardOf, cardTitle, type Card } from '../helpers/cards';
import type { Harness } from '../helpers/harness';
import { seedMonth } from '../quarterly/helpers';

/**
 * Four 机关 (organs) with their group chats, and the city chat where 马管理 (公务员局, role admin)
 * sits. Each organ has a leader and two staff.
 */
export const CITY_CHAT = 'oc_city_ranking_chat';
export const ORGANS = [
  { id: 'A1', name: '市财政局', people: ['钱局长', '钱科员一', '钱科员二'] },
  { id: 'A2', name: '市教育局', people: ['赵局长', '赵科员一', '赵科员二'] },
  { id: 'A3', name: '市民政局', people: ['孙局长', '孙科员一', '孙科员二'] },
  { id: 'A4', name: '市司法局', people: ['李局长', '李科员一', '李科员二'] },
] as const;
export const chatOf = (organId: string) => `oc_chat_${organId}`;

export function rankingOrg(): SandboxOrg {
  return buildOrg({
    tenantKey: 'ranking_tenant',
    chats: [CITY_CHAT],
    // The organs were there all year: their earlier periods are owed and ranked.
    joinedOn: '2026-01-01',
    units: ORGANS.map((o, i) => ({
      id: o.id,
      name: o.name,
      chatId: chatOf(o.id),
      leader: { name: o.people[0], userId: `${o.id}-lead`, level: '正职' as const },
      staff: [
        { name: o.people[1], userId: `${o.id}-s1` },
        { name: o.people[2], userId: `${o.id}-s2` },
        ...(i === 0 ? [{ name: '马管理', userId: 'ma', roles: ['staff' as const, 'admin' as const] }] : []),
      ],
    })),
  });
}

/**
 * Composite = 0.5 × 月度考核平均分 + 0.5 × 量化考评 (the other automatic indicators weigh 0 here, so
 * the figures can be checked by hand); 安全生产事故 is a veto item.
 */
export const RANKING_RULES: RulesInput = {
  unit_rating: {
    city_chat_id: CITY_CHAT,
    weights: { weekly_completion: 0, weekly_on_time: 0, avg_monthly_score: 0.5, low_tier_share: 0, training: 0 },
    imported: [
      { name: '量化考评', weight: 0.5 },
      { name: '安全生产事故', veto: true },
    ],
  },
};

/** November 2026's drafts: 7 workdays after Tuesday 1 December, at 10:00. */
export const DRAFT_AT = '2026-12-10T10:00:00+08:00';

/** Every person of the organ graded `total` for the month (the tier from the score band), as 月考核 stores it. */
export async function seedMonthly(h: Harness, organId: string, month: string, total: number) {
  for (const name of ORGANS.find((o) => o.id === organId)!.people) await seedMonth(h, name, month, total);
}

export function indicatorFile(lines: string[]): string {
  const file = join(mkdtempSync(join(tmpdir(), 'pingshi-indicators-')), 'indicators.csv');
  writeFileSync(file, ['unit_id,period,indicator,value', ...lines].join('\n') + '\n');
  return file;
}

/** Runs `import indicators FILE` as the CLI does; returns what it printed. */
export async function importIndicators(h: Harness, lines: string[], skipBad = false) {
  const out = new PassThrough();
  const err = new PassThrough();
  const text = { out: '', err: '' };
  out.on('data', (c: Buffer) => (text.out += c.toString('utf8')));
  err.on('data', (c: Buffer) => (text.err += c.toString('utf8')));
  let error: Error | null = null;
  try {
    await h.app.importer('indicators')!.run(h.app.deps, indicatorFile(lines), { skipBad, actor: 'cli' }, { out, err });
  } catch (e) {
    error = e as Error;
  }
  await h.settle();
  return { ...text, error };
}

/** November: 市财政局 95 / 90, 市教育局 88 / 80, 市民政局 80 / 70, 市司法局 70 / 40. */
export async function seedNovember(h: Harness) {
  const figures: Array<[string, number, number]> = [
    ['A1', 95, 90],
    ['A2', 88, 80],
    ['A3', 80, 70],
    ['A4', 70, 40],
  ];
  for (const [organ, monthly] of figures) await seedMonthly(h, organ, '2026-11', monthly);
  const result = await importIndicators(h, figures.map(([organ, , quantified]) => `${organ},2026-11,量化考评,${quantified}`));
  if (result.error) throw result.error;
}

export const cardsIn = (h: Harness, idOrName: string): SandboxMessage[] => h.inbox(idOrName).filter((m) => m.msg_type === 'interactive');

export function titled(h: Harness, idOrName: string, prefix: string): SandboxMessage[] {
  return cardsIn(h, idOrName).filter((m) => cardTitle(cardOf(m)).startsWith(prefix));
}

/** Every element of a card with the given tag, wherever it sits. */
export function elementsTagged(card: Card, tag: string): Array<Record<string, unknown>> {
  const out: Array<Record<string, unknown>> = [];
  const walk = (v: unknown): void => {
    if (!v || typeof v !== 'object') return;
    if (Array.isArray(v)) return v.forEach(walk);
    const o = v as Record<string, unknown>;
    if (o.tag === tag) out.push(o);
    Object.values(o).forEach(walk);
  };
  walk(card);
  return out;
}

/** The rows of a card's (first) table, as the reader sees them. */
export const tableRows = (card: Card): Array<Record<string, string>> => (elementsTagged(card, 'table')[0]?.rows ?? []) as Array<Record<string, string>>;

/** The bars of a card's chart: [unit label, score]. */
export function chartBars(card: Card): Array<[string, number]> {
  const chart = elementsTagged(card, 'chart')[0] as { chart_spec: { data: Array<{ values: Array<{ unit: string; score: number }> }> } } | undefined;
  return (chart?.chart_spec.data[0]?.values ?? []).map((v) => [v.unit, v.score]);
}

/** A ranking document with the given classes, as a publication stores it. */
export function docOf(periodKey: string, kind: RankingDoc['kind'], classes: Record<string, UnitClass>): RankingDoc {
  return {
    kind,
    periodKey,
    scope: 'all',
    scopeName: '全市',
    indicators: [],
    mean: null,
    rankedCount: 0,
    seats: 0,
    computedAt: '2027-01-10T00:00:00.000Z',
    rows: Object.entries(classes).map(([unitId, c], i) => ({ unitId, unitName: unitId, indicators: {}, score: 90 - i, rank: i + 1, tied: false, vetoes: [], autoClass: c, autoReason: '', adjustment: null })),
  };
}

/** A published ranking as the publish flow stores it (for tests of what reads it). */
export async function publish(db: Kysely<Database>, doc: RankingDoc, version = 1) {
  await insertPublication(db, {
    id: `up_${doc.periodKey}_${version}`,
    rankingId: `ur_${doc.periodKey}`,
    periodKey: doc.periodKey,
    scope: 'all',
    kind: doc.kind,
    version,
    doc,
    publishedBy: 'ou_admin',
    publishedAt: '2027-01-12T02:00:00.000Z',
    announceAfter: '2027-01-12T02:00:00.000Z',
    announcedAt: '2027-01-12T02:00:00.000Z',
  });
}

