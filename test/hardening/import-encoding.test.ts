import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { demoOrg, demoOrgCsv } from '../../src/sandbox';
import { encodeGbk } from './gbk';
import { cli, query, spawnCli, tempDir } from './cli';
import { writeXlsxBomb } from './xlsx-bomb';

/** The demo organisation's CSV as Excel on Chinese Windows saves it: GBK, CRLF. */
const excelCsv = (text = demoOrgCsv()) => encodeGbk(text.replace(/\n/g, '\r\n'));

function setup() {
  const dir = tempDir('enc');
  const db = join(dir, 'pingshi.db');
  return { dir, db, env: { DATABASE_URL: `file:${db}` } };
}

const peopleIn = (db: string) => query<{ name: string; level: string }>(db, 'select name, level from people order by open_id');

describe('importing files saved in Chinese encodings', () => {
  it('imports an org CSV saved as GBK with every name and level intact', async () => {
    const { dir, db, env } = setup();
    const file = join(dir, 'org.csv');
    writeFileSync(file, excelCsv());
    const run = await cli(['import', 'org', file], env);
    expect(run.err).toBe('');
    expect(run.code).toBe(0);
    const stored = peopleIn(db);
    const expected = [...demoOrg().users].sort((a, b) => (a.open_id < b.open_id ? -1 : 1)).map((u) => ({ name: u.name, level: u.level }));
    expect(stored).toEqual(expected);
    expect(stored.map((p) => p.name).join('')).not.toContain('\uFFFD');
  });

  it('reports a bad level in a GBK file in readable Chinese, and writes nothing', async () => {
    const { dir, db, env } = setup();
    const file = join(dir, 'org.csv');
    writeFileSync(file, excelCsv(demoOrgCsv().replace(/(,张丽,[^\n]*?,)副职,/, '$1科长,')));
    const run = await cli(['import', 'org', file], env);
    expect(run.code).toBe(1);
    expect(run.err).toMatch(/第 \d+ 行：level 应为 正职\/副职\/一般干部，而不是“科长”/);
    expect(peopleIn(db)).toEqual([]);
  });

  it('refuses a file that is neither UTF-8 nor GB18030, telling the user to save it as UTF-8', async () => {
    const { dir, db, env } = setup();
    const file = join(dir, 'org.csv');
    const gbk = excelCsv();
    const at = gbk.indexOf(encodeGbk('张丽'));
    writeFileSync(file, Buffer.concat([gbk.subarray(0, at), Buffer.from([0xff]), gbk.subarray(at)]));
    for (const flags of [[], ['--skip-bad']]) {
      const run = await cli(['import', 'org', file, ...flags], env);
      expect(run.code).toBe(1);
      expect(run.err.trim().split('\n')).toHaveLength(1);
      expect(run.err).toContain('请另存为 UTF-8 编码');
    }
    expect(peopleIn(db)).toEqual([]);
  });

  it('refuses an XLSX whose shared strings inflate to 1 GiB, without reading it into memory', async () => {
    const { dir, db, env } = setup();
    const bomb = join(dir, 'training.xlsx');
    writeXlsxBomb(bomb, 1024);
    expect((await cli(['migrate'], env)).code).toBe(0);
    // Reading the strings whole takes ~760 MB; a 256 MB heap is ample for refusing them.
    const run = await spawnCli(['import', 'training', bomb], env, ['--max-old-space-size=256']).exited;
    expect(run.stderr).toContain('XLSX 文件解压后超过 50 MB');
    expect(run.stderr).toContain('未导入任何数据');
    expect(run.code).toBe(1);
    expect(query(db, 'select * from training_records')).toEqual([]);
  });
});
