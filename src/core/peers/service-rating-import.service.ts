import { audit } from '../audit';
import type { CoreDeps } from '../deps';
import { newId } from '../ids';
import { formatPeriodLabel, parsePeriodKey } from '../calendar/periods';
import type { Rules } from '../rules/rules';

/** `import service-ratings` columns (CONTRACT.md): open_id (or a 服务窗口 id), period, good, bad, score. */
export const SERVICE_RATING_COLUMNS = ['open_id', 'period', 'good', 'bad', 'score'] as const;

export interface ServiceRatingRow {
  openId: string;
  periodKey: string;
  good: number;
  bad: number;
  score: number | null;
}

export interface ServiceRatingPlan {
  rows: ServiceRatingRow[];
  problems: Array<{ line: number; reason: string }>;
  periods: string[];
}

const count = (text: string): number | null => (/^\d{1,7}$/.test(text) ? Number(text) : null);

/**
 * Checks every row: a person the organisation knows (by open_id, or a window id the rules map to
 * one), a month or quarter key, whole non-negative counts, an optional score 0–100. A person and
 * period given twice is refused on its second line. Each reason says what to fix.
 */
export function checkServiceRatingRows(
  rows: ReadonlyArray<{ line: number; values: Record<string, string> }>,
  rules: Pick<Rules, 'service_rating'>,
  known: (openId: string) => boolean,
): Omit<ServiceRatingPlan, 'periods'> {
  const out: Omit<ServiceRatingPlan, 'periods'> = { rows: [], problems: [] };
  const seen = new Map<string, number>();
  for (const { line, values } of rows) {
    const cell = (c: string) => (values[c] ?? '').normalize('NFKC').trim();
    const reasons: string[] = [];
    const id = cell('open_id');
    const openId = rules.service_rating.windows[id] ?? id;
    if (id === '') reasons.push('缺少 open_id（人员 open_id 或已在规则 service_rating.windows 中登记的窗口编号）');
    else if (!known(openId)) {
      reasons.push(
        rules.service_rating.windows[id]
          ? `窗口 ${id} 对应的人员 ${openId} 不在组织名单中，请更新规则 service_rating.windows`
          : `${id} 既不是组织名单中的人员，也不是规则 service_rating.windows 中登记的窗口编号`,
      );
    }
    let periodKey = '';
    try {
      const p = parsePeriodKey(cell('period'));
      if (p.kind === 'month' || p.kind === 'quarter') periodKey = p.key;
      else reasons.push(`期间应为月或季度，例如 2026-05 或 2026-Q2（实为“${cell('period')}”）`);
    } catch {
      reasons.push(`期间格式不正确：“${cell('period')}”，应为 2026-05 或 2026-Q2`);
    }
    const good = count(cell('good'));
    const bad = count(cell('bad'));
    if (good === null) reasons.push(`好评数 good 应为不小于 0 的整数（实为“${cell('good')}”）`);
    if (bad === null) reasons.push(`差评数 bad 应为不小于 0 的整数（实为“${cell('bad')}”）`);
    const scoreText = cell('score');
    let score: number | null = null;
    if (scoreText !== '') {
      score = /^\d+(\.\d+)?$/.test(scoreText) ? Number(scoreText) : NaN;
      if (!Number.isFinite(score) || score > 100) reasons.push(`评价得分 score 应为 0–100 的数，或留空（实为“${scoreText}”）`);
    }
    if (reasons.length === 0) {
      const key = `${openId}|${periodKey}`;
      const first = seen.get(key);
      if (first !== undefined) reasons.push(`与第 ${first} 行重复（同一人员同一期间只能有一行）`);
      else seen.set(key, line);
    }
    if (reasons.length > 0) out.problems.push({ line, reason: reasons.join('；') });
    else out.rows.push({ openId, periodKey, good: good!, bad: bad!, score });
  }
  return out;
}

export async function planServiceRatingImport(
  deps: CoreDeps,
  rows: ReadonlyArray<{ line: number; values: Record<string, string> }>,
  fileProblems: ReadonlyArray<{ line: number; reason: string }> = [],
): Promise<ServiceRatingPlan> {
  const known = new Set((await deps.db.selectFrom('people').select('open_id').execute()).map((p) => p.open_id));
  const checked = checkServiceRatingRows(rows, deps.rules, (id) => known.has(id));
  return {
    rows: checked.rows,
    problems: [...fileProblems, ...checked.problems].sort((a, b) => a.line - b.line),
    periods: [...new Set(checked.rows.map((r) => r.periodKey))].sort(),
  };
}

/**
 * Each period in the file replaces what was stored for it, in one transaction, with one audit entry
 * per period holding the rows before and after. Nothing is applied to any grade here: the ratings
 * are shown on the grading cards as evidence and enter the quarterly proposal only as the rules say.
 */
export async function writeServiceRatingImport(deps: CoreDeps, plan: ServiceRatingPlan, meta: { actor: string; file: string }) {
  const now = deps.clock.now();
  const importId = newId('sr');
  return deps.db.transaction().execute(async (trx) => {
    const out: Array<{ periodKey: string; label: string; before: number; after: number }> = [];
    for (const periodKey of plan.periods) {
      const before = await trx.selectFrom('service_ratings').selectAll().where('period_key', '=', periodKey).orderBy('open_id').execute();
      await trx.deleteFrom('service_ratings').where('period_key', '=', periodKey).execute();
      const fresh = plan.rows.filter((r) => r.periodKey === periodKey);
      for (const r of fresh) {
        await trx
          .insertInto('service_ratings')
          .values({ open_id: r.openId, period_key: periodKey, good: r.good, bad: r.bad, score: r.score, import_id: importId, created_at: now.toISOString() })
          .execute();
      }
      await audit(trx, now, {
        actor: meta.actor,
        action: 'service_ratings.import',
        entityType: 'service_ratings',
        entityId: periodKey,
        before: before.map((b) => [b.open_id, Number(b.good), Number(b.bad), b.score === null ? null : Number(b.score)]),
        after: { file: meta.file, importId, rows: fresh.map((r) => [r.openId, r.good, r.bad, r.score]) },
      });
      out.push({ periodKey, label: formatPeriodLabel(periodKey), before: before.length, after: fresh.length });
    }
    return out;
  });
}
