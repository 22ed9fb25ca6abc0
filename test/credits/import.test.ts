import { afterEach, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { join } from 'node:path';
import { Harness } from '../helpers/harness';
import { dialectsUnderTest } from '../helpers/stores';
import { exportCredits, importFile, runCli, tempDir, trainingCsv } from './flow-helpers';

describe.each(dialectsUnderTest())('import training (%s)', (dialect) => {
  let h: Harness;
  let tmp: ReturnType<typeof tempDir>;
  afterEach(async () => {
    await h?.close();
    tmp?.remove();
  });

  const count = async () => Number((await h.db.selectFrom('training_records').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

  it('reports bad lines and writes nothing without --skip-bad; with it, only the good rows, once', async () => {
    tmp = tempDir();
    h = await Harness.start({ dialect, sqliteFile: join(tmp.dir, 'db.sqlite') });
    const zhao = h.person('赵敏').open_id;
    const sun = h.person('孙浩').open_id;
    const file = tmp.file(
      'training.csv',
      trainingCsv([
        [zhao, '2026-03-02', '网络学院专题课', 'online', '12.5', '1'], // line 2
        [zhao, '2026-04-10', '依法行政培训班', 'offline', '2天', '0'], // line 3
        ['ou_nobody', '2026-04-10', '依法行政培训班', 'offline', '8', '0'], // line 4: unknown person
        [sun, '2026-05-01', '保密知识讲座', 'lecture', '500', '0'], // line 5: impossible hours
        [sun, '2026-02-30', '公文写作', 'offline', '4', '1'], // line 6: no such date
        [sun, '2026-05-08', '公文写作', 'offline', '4', '1'], // line 7
      ]),
    );

    const refused = await runCli(h, ['import', 'training', file]);
    expect(refused.code).toBe(1);
    expect(refused.err).toContain('第 4 行：人员 open_id 不在组织名单中：ou_nobody');
    expect(refused.err).toMatch(/第 5 行：学时不合理：“500” 超过单条上限 200 学时/);
    expect(refused.err).toMatch(/第 6 行：日期无效：“2026-02-30”/);
    expect(refused.err).toContain('有 3 行错误，未写入任何数据');
    expect(await count()).toBe(0);

    const done = await runCli(h, ['import', 'training', file, '--skip-bad']);
    expect(done.code).toBe(0);
    expect(done.out).toContain('新增 3 条');
    expect(done.out).toContain('跳过错误 3 行');
    expect(await count()).toBe(3);
    const rows = await h.db.selectFrom('training_records').selectAll().orderBy('date').execute();
    expect(rows.map((r) => [r.open_id, r.date, Number(r.hours), r.source, r.status])).toEqual([
      [zhao, '2026-03-02', 12.5, 'import', 'approved'],
      [zhao, '2026-04-10', 16, 'import', 'approved'],
      [sun, '2026-05-08', 4, 'import', 'approved'],
    ]);

    const again = await runCli(h, ['import', 'training', file, '--skip-bad']);
    expect(again.code).toBe(0);
    expect(again.out).toContain('新增 0 条，已存在 3 条');
    expect(await count()).toBe(3);

    const exported = await runCli(h, ['export', 'credits', '--period', '2026']);
    expect(exported.code).toBe(0);
    expect(exported.out.split('\n')[0]).toBe('year,unit,name,open_id,total_hours,online_hours,required_hours,target_hours,met,offline_hours,requirements');
    expect(exported.out).toContain(`2026,办公室,赵敏,${zhao},28.5,12.5,12.5,140,0,16,集中培训 16/90；网络学习 12.5/50`);
    const wrongPeriod = await runCli(h, ['export', 'credits', '--period', '2026-11']);
    expect(wrongPeriod.code).toBe(1);

    const ledger = await exportCredits(h, '2026');
    expect(ledger.find((r) => r.open_id === zhao)).toMatchObject({ total_hours: '28.5', online_hours: '12.5', required_hours: '12.5', met: '0' });
    expect(ledger.find((r) => r.open_id === sun)).toMatchObject({ total_hours: '4', online_hours: '0', required_hours: '4' });

    const trail = await h.db.selectFrom('audit_log').selectAll().where('action', '=', 'credits.import').execute();
    expect(trail).toHaveLength(2);
  });

  it('reads XLSX from the training platform, Excel dates and Chinese kind labels included', async () => {
    tmp = tempDir();
    h = await Harness.start({ dialect });
    const zhao = h.person('赵敏').open_id;
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('学时');
    sheet.addRow(['open_id', 'date', 'title', 'kind', 'hours', 'required']);
    sheet.addRow([zhao, new Date(Date.UTC(2026, 5, 3)), '党史学习', '网络学习', 20, 1]);
    sheet.addRow([zhao, '2026-06-04', '应急管理', 'offline', 'abc', 0]);
    const path = join(tmp.dir, 'training.xlsx');
    await workbook.xlsx.writeFile(path);

    await expect(importFile(h, path)).rejects.toThrow('有 1 行错误，未写入任何数据');
    expect(await count()).toBe(0);
    const { out, err } = await importFile(h, path, true);
    expect(err).toContain('第 3 行：学时不合理');
    expect(out).toContain('新增 1 条');
    const row = await h.db.selectFrom('training_records').selectAll().executeTakeFirstOrThrow();
    expect([row.date, row.kind, Number(row.hours), row.required]).toEqual(['2026-06-03', 'online', 20, 1]);
  });
});
