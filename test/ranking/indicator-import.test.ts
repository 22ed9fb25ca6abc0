import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { indicatorValuesOf } from '../../src/core/ranking/indicator-values.repository';
import { draftPeriod } from '../../src/core/ranking/draft.service';
import { findRanking } from '../../src/core/ranking/ranking.repository';
import { InProcess } from '../helpers/in-process';
import { RANKING_RULES, rankingOrg } from './helpers';

async function runImport(p: InProcess, lines: string[], skipBad = false) {
  const file = join(mkdtempSync(join(tmpdir(), 'pingshi-ind-')), 'indicators.csv');
  writeFileSync(file, ['unit_id,period,indicator,value', ...lines].join('\n') + '\n');
  const out = new PassThrough();
  const err = new PassThrough();
  const text = { out: '', err: '' };
  out.on('data', (c: Buffer) => (text.out += c.toString('utf8')));
  err.on('data', (c: Buffer) => (text.err += c.toString('utf8')));
  try {
    await p.app.importer('indicators')!.run(p.app.deps, file, { skipBad, actor: 'cli' }, { out, err });
    return { ...text, error: null as string | null };
  } catch (e) {
    return { ...text, error: (e as Error).message };
  }
}

const stored = async (p: InProcess, period: string) =>
  (await indicatorValuesOf(p.app.deps.db, [period])).map((v) => `${v.unitId} ${v.indicator} ${v.value}`);

describe('import indicators', () => {
  let p: InProcess;
  afterEach(async () => p?.close());

  it('refuses a file with bad rows, each reported by line; an unknown indicator lists the accepted names', async () => {
    p = await InProcess.start({ org: rankingOrg(), rules: RANKING_RULES });
    const result = await runImport(p, [
      'A1,2026-11,量化考评,90',
      'A2,2026-11,作风建设,80',
      'ZZ,2026-11,量化考评,80',
      'A3,2026-13,量化考评,80',
      'A4,2026-11,量化考评,120',
      'A1,2026-11,量化考评,85',
      'A2,2026-11,量化考评,八十',
      'A2,2026-W47,量化考评,80',
    ]);
    expect(result.error).toContain('有 7 行错误，未写入任何数据');
    expect(result.err.trim().split('\n')).toEqual([
      '第 3 行：指标“作风建设”不在规则中，可导入的指标：量化考评、安全生产事故',
      '第 4 行：单位编号不在组织名单中：ZZ',
      '第 5 行：期间格式不正确：“2026-13”，应为 2026-11、2026-Q4 或 2026-H2',
      '第 6 行：指标值 120 超过该指标满分 100',
      '第 7 行：与第 2 行重复（同一单位、期间和指标）',
      '第 8 行：指标值应为数字（实为“八十”）',
      '第 9 行：期间应为月、季度或半年，例如 2026-11、2026-Q4、2026-H2（实为“2026-W47”）',
    ]);
    expect(await stored(p, '2026-11')).toEqual([]);

    const skipped = await runImport(p, ['A1,2026-11,量化考评,90', 'A2,2026-11,作风建设,80'], true);
    expect(skipped.error).toBeNull();
    expect(skipped.out).toContain('单位指标导入完成：2026年11月 1 项；跳过错误 1 行。');
    expect(await stored(p, '2026-11')).toEqual(['A1 量化考评 90']);
  });

  it('replaces a period as a whole on re-import, audited with the values before and after', async () => {
    p = await InProcess.start({ org: rankingOrg(), rules: RANKING_RULES });
    await runImport(p, ['A1,2026-11,量化考评,90', 'A2,2026-11,量化考评,80', 'A1,2026-10,量化考评,70']);
    const again = await runImport(p, ['A2,2026-11,量化考评,85', 'A3,2026-11,安全生产事故,1']);
    expect(again.out).toContain('2026年11月 2 项（替换原有 2 项）');
    expect(await stored(p, '2026-11')).toEqual(['A2 量化考评 85', 'A3 安全生产事故 1']);
    expect(await stored(p, '2026-10')).toEqual(['A1 量化考评 70']); // another period is untouched
    const trail = await p.app.deps.db.selectFrom('audit_log').selectAll().where('action', '=', 'ranking.indicators.import').where('entity_id', '=', '2026-11').orderBy('at').orderBy('id').execute();
    expect(trail).toHaveLength(2);
    expect(JSON.parse(trail[1]!.before!)).toEqual([
      ['A1', '量化考评', 90],
      ['A2', '量化考评', 80],
    ]);
    expect(JSON.parse(trail[1]!.after!).values).toEqual([
      ['A2', '量化考评', 85],
      ['A3', '安全生产事故', 1],
    ]);
  });

  it('refuses a 处室 when organs are ranked, and recomputes an unpublished draft of the period', async () => {
    p = await InProcess.start({ rules: RANKING_RULES }); // the demo 局 (D100) with 办公室 and 政策法规处
    const wrong = await runImport(p, ['D110,2026-11,量化考评,80']);
    expect(wrong.err).toContain('单位 D110 不参加排名（按规则参加排名的是各机关（没有上级单位的单位））');

    p.clock.set('2026-12-10T10:00:00+08:00');
    await draftPeriod(p.app.deps, '2026-11');
    const before = await findRanking(p.app.deps.db, '2026-11', 'all');
    expect(before!.doc.rows[0]!.indicators['量化考评']).toEqual({ value: null, score: null });
    const result = await runImport(p, ['D100,2026-11,量化考评,80']);
    expect(result.out).toContain('2026年11月的排名草稿已按新数据重新计算，审核卡片已更新');
    const after = await findRanking(p.app.deps.db, '2026-11', 'all');
    expect(after!.revision).toBe(before!.revision + 1);
    expect(after!.doc.rows[0]!.indicators['量化考评']).toEqual({ value: 80, score: 80 });
  });
});
