import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main';
import { orgToCsv } from '../../src/sandbox';
import { RANKING_RULES, indicatorFile, rankingOrg } from './helpers';

function io() {
  const out: string[] = [];
  const err: string[] = [];
  const stream = (sink: string[]) => ({ write: (s: string) => sink.push(String(s)) }) as unknown as NodeJS.WritableStream;
  return { io: { out: stream(out), err: stream(err) }, out: () => out.join(''), err: () => err.join('') };
}

async function cli(...argv: string[]) {
  const r = io();
  const code = await main(argv, r.io);
  return { code, out: r.out(), err: r.err() };
}

describe('评优评差 from the command line (no longer “not built yet”)', () => {
  const saved = { ...process.env };
  beforeEach(() => {
    const dir = mkdtempSync(join(tmpdir(), 'pingshi-rank-cli-'));
    process.env.DATABASE_URL = `file:${join(dir, 'cli.db')}`;
    process.env.PINGSHI_RULES = join(dir, 'rules.json');
    writeFileSync(process.env.PINGSHI_RULES, JSON.stringify(RANKING_RULES));
    delete process.env.LARK_APP_ID;
    process.env.PINGSHI_SCHEDULER = 'off';
  });
  afterEach(() => {
    process.env = { ...saved };
  });

  it('imports indicators, runs unit-ranking and exports unit-ranking', async () => {
    const org = join(mkdtempSync(join(tmpdir(), 'pingshi-org-')), 'org.csv');
    writeFileSync(org, orgToCsv(rankingOrg()));
    expect((await cli('import', 'org', org)).code).toBe(0);

    const bad = await cli('import', 'indicators', indicatorFile(['A1,2026-11,作风建设,80']));
    expect(bad.code).toBe(1);
    expect(bad.err).toContain('第 2 行：指标“作风建设”不在规则中，可导入的指标：量化考评、安全生产事故\n');
    expect(bad.err).toContain('有 1 行错误，未写入任何数据');
    const good = await cli('import', 'indicators', indicatorFile(['A1,2026-11,量化考评,90', 'A2,2026-11,量化考评,80']));
    expect([good.code, good.out]).toEqual([0, '单位指标导入完成：2026年11月 2 项。\n']);

    const run = await cli('run-job', 'unit-ranking', '--at', '2026-12-10T10:00:00+08:00');
    expect([run.code, run.out]).toEqual([0, 'unit-ranking 2026-11: 2026年11月月度评价：生成草稿 1 份（4 个单位），发出审核卡片 2 张\n']);

    const draft = await cli('export', 'unit-ranking', '--period', '2026-11');
    expect([draft.code, draft.err]).toEqual([1, '2026年11月的单位排名尚未发布（草稿待审核），发布后再导出。\n']);
    const none = await cli('export', 'unit-ranking', '--period', '2026-10');
    expect([none.code, none.out]).toEqual([0, 'period,rank,unit_id,unit,score,class\n']);
    const week = await cli('export', 'unit-ranking', '--period', '2026-W47');
    expect(week.err).toContain('unit-ranking 需要的期间类型是 month/quarter/half');
  });
});
