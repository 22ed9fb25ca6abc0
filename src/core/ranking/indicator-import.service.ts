import { audit } from '../audit';
import type { CoreDeps } from '../deps';
import { newId } from '../ids';
import { loadUnitTree } from './compute.service';
import { checkIndicatorRows, type CheckedIndicatorRows } from './indicator-rows';
import { replacePeriods } from './indicator-values.repository';
import { periodLabel } from './ranking-period';
import { latestPublication, rankingsOfPeriod } from './ranking.repository';
import { recomputeRanking } from './review.service';

export const IMPORT_ACTOR_PREFIX = 'import:';

export interface IndicatorImportPlan extends CheckedIndicatorRows {
  /** The periods the file holds: each is replaced as a whole by the import. */
  periods: string[];
}

/** Checks the file's rows against the organisation and the rules; nothing is written here. */
export async function planIndicatorImport(
  deps: CoreDeps,
  rows: ReadonlyArray<{ line: number; values: Record<string, string> }>,
  fileProblems: ReadonlyArray<{ line: number; reason: string }> = [],
): Promise<IndicatorImportPlan> {
  const tree = await loadUnitTree(deps);
  const known = new Set((await deps.db.selectFrom('units').select('id').execute()).map((u) => u.id));
  const checked = checkIndicatorRows(rows, deps.rules.unit_rating, {
    knownUnit: (id) => known.has(id),
    isRanked: (id) => tree.rankedUnitOf(id) === id,
    rankedNoun: deps.rules.unit_rating.ranked === 'organs' ? '各机关（没有上级单位的单位）' : '各机关下设的处室',
  });
  return {
    ...checked,
    problems: [...fileProblems, ...checked.problems].sort((a, b) => a.line - b.line),
    periods: [...new Set(checked.values.map((v) => v.periodKey))].sort(),
  };
}

export interface IndicatorImportResult {
  written: number;
  /** Per period: how many stored values the import replaced. */
  replaced: Array<{ periodKey: string; before: number; after: number }>;
  /** What happened to the rankings of those periods. */
  notes: string[];
}

/**
 * Replaces each period in the file as a whole (a re-import of a period is the new truth for it), in
 * one transaction, with one audit entry per period holding the values before and after. Drafts of
 * those periods not yet published are recomputed at once; a published ranking waits for the admin
 * (重新计算, then 发布 sends a correction).
 */
export async function writeIndicatorImport(deps: CoreDeps, plan: IndicatorImportPlan, meta: { actor: string; file: string }): Promise<IndicatorImportResult> {
  const now = deps.clock.now();
  const importId = newId('ii');
  const replaced = await deps.db.transaction().execute(async (trx) => {
    const before = await replacePeriods(trx, plan.periods, plan.values, { importId, at: now.toISOString(), newId: () => newId('iv') });
    const out: IndicatorImportResult['replaced'] = [];
    for (const periodKey of plan.periods) {
      const old = before.filter((v) => v.periodKey === periodKey);
      const fresh = plan.values.filter((v) => v.periodKey === periodKey);
      out.push({ periodKey, before: old.length, after: fresh.length });
      await audit(trx, now, {
        actor: meta.actor,
        action: 'ranking.indicators.import',
        entityType: 'unit_indicators',
        entityId: periodKey,
        before: old.map((v) => [v.unitId, v.indicator, v.value]),
        after: { file: meta.file, importId, values: fresh.map((v) => [v.unitId, v.indicator, v.value]) },
      });
    }
    return out;
  });
  const notes: string[] = [];
  for (const periodKey of plan.periods) {
    for (const ranking of await rankingsOfPeriod(deps.db, periodKey)) {
      if (await latestPublication(deps.db, ranking.id)) {
        notes.push(`${periodLabel(periodKey)}的排名已发布：如需按新数据更正，请在审核卡片上点“重新计算”后再发布（发送“排名 审核”可获取审核卡片）`);
        continue;
      }
      await recomputeRanking(deps, `${IMPORT_ACTOR_PREFIX}${meta.actor}`, { rankingId: ranking.id, revision: ranking.revision });
      notes.push(`${periodLabel(periodKey)}的排名草稿已按新数据重新计算，审核卡片已更新`);
    }
  }
  return { written: plan.values.length, replaced, notes };
}
