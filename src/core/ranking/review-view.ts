import { instantLabel } from '../quarterly/format';
import { publishedFacts } from './ranking-doc';
import { rankingTitle } from './ranking-period';
import type { StoredPublication, StoredRanking } from './ranking.repository';
import { classCounts, highlights, indicatorsText, meanText, rowView, subtitleOf } from './view-models';
import type { ReviewView } from './views';

/** The review card's view of a ranking: what 发布 would announce now, and what was announced before. */
export function reviewView(r: StoredRanking, latest: StoredPublication | null): ReviewView {
  const doc = r.doc;
  const changed = latest !== null && publishedFacts(latest.doc) !== publishedFacts(doc);
  return {
    rankingId: r.id,
    revision: r.revision,
    title: rankingTitle(r.periodKey),
    subtitle: subtitleOf(doc),
    training: doc.kind === 'training',
    status: r.status,
    version: latest?.version ?? null,
    changedSincePublished: changed,
    announceNote: latest ? announceNote(latest) : null,
    unitCount: doc.rows.length,
    rankedCount: doc.rankedCount,
    meanText: meanText(doc),
    seats: doc.seats,
    indicatorsText: indicatorsText(doc),
    coverage: coverage(r),
    classCounts: classCounts(doc),
    highlights: highlights(doc),
    rows: doc.rows.map((r) => rowView(r, doc.kind, doc.indicators)),
  };
}

function announceNote(p: StoredPublication): string {
  if (p.announcedAt) return `第 ${p.version} 版已于 ${instantLabel(p.announcedAt)} 发送`;
  return `第 ${p.version} 版将于 ${instantLabel(p.announceAfter)} 发送（非工作时间不发送）`;
}

/** "学时达标率：3 个单位缺数据，该项不计入其综合得分" for each indicator some unit lacks. */
function coverage(r: StoredRanking): string[] {
  const out: string[] = [];
  for (const def of r.doc.indicators) {
    if (!def.veto && def.weight <= 0) continue;
    const missing = r.doc.rows.filter((row) => row.indicators[def.name]?.value == null).length;
    if (missing === 0 || def.veto) continue;
    out.push(missing === r.doc.rows.length ? `${def.label}：各单位均无数据，本期不计入` : `${def.label}：${missing} 个单位缺数据，该项不计入其综合得分`);
  }
  const adjusted = r.doc.rows.filter((row) => row.adjustment).length;
  if (adjusted > 0) out.push(`已人工调整 ${adjusted} 个单位的类别（见下方理由）`);
  return out;
}
