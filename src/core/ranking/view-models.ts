import { formatScore } from '../numbers';
import { instantLabel } from '../quarterly/format';
import { UNIT_CLASSES } from '../rules/terms';
import { pulledDown } from './pulled-down';
import { formatIndicatorValue } from './indicator-format';
import { classOf, reasonOf, type IndicatorDef, type RankingDoc, type RankingKind, type RankingRow } from './ranking-doc';
import { KIND_LABELS, rankingTitle } from './ranking-period';
import type { StoredPublication } from './ranking.repository';
import type { ClassCount, CityAnnouncementView, RowView, UnitAnnouncementView } from './views';

export function rowView(row: RankingRow, kind: RankingKind, defs: readonly IndicatorDef[] = []): RowView {
  const training = kind === 'training';
  return {
    unitId: row.unitId,
    unitName: row.unitName,
    rank: row.rank === null ? '—' : `${row.rank}${row.tied ? '（并列）' : ''}`,
    score: row.score === null ? '—' : `${formatScore(row.score)}${training ? '%' : ''}`,
    detail: training ? (row.indicators.training?.detail ?? '') : '',
    indicators: training ? '' : indicatorLine(defs, row),
    scoreValue: row.score,
    className: classOf(row) ?? '',
    reason: reasonOf(row),
    adjusted: row.adjustment !== null,
  };
}

/** Each weighted indicator's value, "缺数据" where there is none (it then does not count). */
function indicatorLine(defs: readonly IndicatorDef[], row: RankingRow): string {
  return defs
    .filter((d) => !d.veto && d.weight > 0)
    .map((d) => `${d.label} ${formatIndicatorValue(d, row.indicators[d.name]?.value ?? null)}`)
    .join('、');
}

export function classCounts(doc: RankingDoc): ClassCount[] {
  if (doc.kind === 'training') return [];
  return UNIT_CLASSES.map((name) => ({ name, count: doc.rows.filter((r) => classOf(r) === name).length })).filter((c) => c.count > 0);
}

/** Units outside 一般 (and every adjusted one), most severe last, as the review and the city card list them. */
export function highlights(doc: RankingDoc): RowView[] {
  if (doc.kind === 'training') return [];
  return doc.rows.filter((r) => classOf(r) !== '一般' || r.adjustment).map((r) => rowView(r, doc.kind, doc.indicators));
}

export const meanText = (doc: RankingDoc): string => (doc.mean === null ? '—' : `${formatScore(doc.mean)} 分`);

/** "周记完成率 20%、月度考核平均分 30%…；一票否决：安全生产事故". */
export function indicatorsText(doc: RankingDoc): string {
  const weighted = doc.indicators.filter((d) => !d.veto && d.weight > 0);
  const total = weighted.reduce((s, d) => s + d.weight, 0);
  const parts = weighted.map((d) => `${d.label} ${formatScore((d.weight / total) * 100)}%`);
  const vetoes = doc.indicators.filter((d) => d.veto).map((d) => d.label);
  const veto = vetoes.length > 0 ? `；一票否决：${vetoes.join('、')}` : '';
  return `${parts.join('、')}${veto}。某项指标缺数据的单位，该项不计入，由其余指标按权重折算`;
}

/** "更正：本通报更正 12月10日 发布的通报，以本通报为准。" */
export function correctionNote(previous: StoredPublication | null): string | null {
  if (!previous) return null;
  return `更正：本通报更正 ${instantLabel(previous.publishedAt)} 发布的通报（第 ${previous.version} 版），以本通报为准。`;
}

export function subtitleOf(doc: RankingDoc): string {
  const base = doc.kind === 'training' ? '各单位学时达标情况' : `${doc.scopeName} · ${KIND_LABELS[doc.kind]}`;
  return `${base} · 共 ${doc.rows.length} 个单位`;
}

/**
 * A ranked unit's announcement: its own position, why, and the indicators that pulled it down; the
 * table's first `topN` rows plus its own row when it is below them. Unit-level only.
 */
export function unitAnnouncementView(
  doc: RankingDoc,
  unitId: string | null,
  opts: { topN: number; previous: StoredPublication | null; praise?: string[] | null },
): UnitAnnouncementView {
  const row = unitId ? doc.rows.find((r) => r.unitId === unitId) ?? null : null;
  const top = doc.rows.slice(0, opts.topN);
  const rows = row && !top.includes(row) ? [...top, row] : top;
  const before = row && opts.previous ? opts.previous.doc.rows.find((r) => r.unitId === row.unitId) ?? null : null;
  return {
    title: `${opts.previous ? '【更正】' : ''}${rankingTitle(doc.periodKey)}`,
    subtitle: subtitleOf(doc),
    training: doc.kind === 'training',
    correction: correctionNote(opts.previous),
    own: row ? { ...rowView(row, doc.kind, doc.indicators), change: before ? changeText(before, row) : null, pulledDown: row.score === null || doc.kind === 'training' ? [] : pulledDown(doc, row) } : null,
    rows: rows.map((r) => rowView(r, doc.kind, doc.indicators)),
    topShown: top.length,
    rankedCount: doc.rankedCount,
    unitCount: doc.rows.length,
    meanText: meanText(doc),
    praise: opts.praise && opts.praise.length > 0 ? opts.praise : null,
  };
}

export function cityAnnouncementView(doc: RankingDoc, previous: StoredPublication | null): CityAnnouncementView {
  return {
    title: `${previous ? '【更正】' : ''}${rankingTitle(doc.periodKey)}`,
    subtitle: subtitleOf(doc),
    training: doc.kind === 'training',
    correction: correctionNote(previous),
    classCounts: classCounts(doc),
    highlights: highlights(doc),
    rows: doc.rows.map((r) => rowView(r, doc.kind, doc.indicators)),
    meanText: meanText(doc),
    indicatorsText: indicatorsText(doc),
  };
}

/** "名次 3 → 2；类别 一般 → 先进单位"; null when the unit's own line did not change. */
export function changeText(before: RankingRow, after: RankingRow): string | null {
  const parts: string[] = [];
  const a = rowView(before, 'month');
  const b = rowView(after, 'month');
  if (a.rank !== b.rank) parts.push(`名次 ${a.rank} → ${b.rank}`);
  if (a.score !== b.score) parts.push(`得分 ${a.score} → ${b.score}`);
  if (a.className !== b.className) parts.push(`类别 ${a.className} → ${b.className}`);
  return parts.length > 0 ? parts.join('；') : null;
}
