import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { exportLedger } from '../../src/cli/export';
import { readTable } from '../../src/io/table-file';
import type { Io } from '../../src/cli/define-importer';
import { Harness } from '../helpers/harness';
import { dialectsUnderTest } from '../helpers/stores';
import { sayAt, textsOf, weeklyOrg } from './helpers';
import { buttonValue, cardOf, cardsOf } from '../helpers/cards';
import { weeklyRemind } from '../../src/features/weekly/weekly-actions';

function collector() {
  let text = '';
  const stream = new Writable({
    write(chunk, _enc, cb) {
      text += chunk.toString();
      cb();
    },
  });
  return { stream, text: () => text };
}

const input = (card: Record<string, unknown>, name: string): Record<string, unknown> => {
  let found: Record<string, unknown> | undefined;
  const walk = (v: unknown): void => {
    if (found || !v || typeof v !== 'object') return;
    if (Array.isArray(v)) return v.forEach(walk);
    const o = v as Record<string, unknown>;
    if (o.tag === 'input' && o.name === name) found = o;
    Object.values(o).forEach(walk);
  };
  walk(card);
  return found!;
};

describe.each(dialectsUnderTest())('weekly commands, leave and the ledger (%s)', (dialect) => {
  let h: Harness;
  afterEach(async () => h?.close());

  it('the Friday prompt and the Monday reminder prefill each person’s own plan from last week, and only theirs', async () => {
    h = await Harness.start({ dialect, org: weeklyOrg(), now: '2026-11-19T10:00:00+08:00' });
    await h.say('陈一', '周记 调研报告初稿\n下周计划：修改调研报告');
    await h.say('李二', '周记 参加业务培训');
    await h.runJob('weekly-prompt', '2026-11-27T15:00:00+08:00');
    const chen = cardOf(cardsOf(h, '陈一').at(-1)!);
    expect(input(chen, 'done').default_value).toBe('修改调研报告');
    expect(Harness.textOf(chen)).toContain('已按您上周填写的下周计划预填');
    const li = cardOf(cardsOf(h, '李二').at(-1)!);
    expect(input(li, 'done').default_value ?? '').toBe('');
    expect(Harness.textOf(li)).not.toContain('已按您上周填写的下周计划预填');

    // Neither wrote week 48: Monday's reminders (read for everyone missing at once) prefill the same way.
    expect((await h.runJob('weekly-reminder', '2026-11-30T09:00:00+08:00')).message).toContain('补交提醒');
    const chenReminder = cardOf(cardsOf(h, '陈一').at(-1)!);
    expect(Harness.textOf(chenReminder)).toContain('周记补交提醒');
    expect(input(chenReminder, 'done').default_value).toBe('修改调研报告');
    const liReminder = cardOf(cardsOf(h, '李二').at(-1)!);
    expect(Harness.textOf(liReminder)).toContain('周记补交提醒');
    expect(input(liReminder, 'done').default_value ?? '').toBe('');
  });

  it('/周记 alone prefills last week’s plan; /我的周记 and /团队 show statuses; 提醒未交 from /团队', async () => {
    h = await Harness.start({ dialect, org: weeklyOrg(), now: '2026-11-12T10:00:00+08:00' });
    await h.say('陈一', '周记 调研报告初稿\n下周计划：修改调研报告\n加分事项：获市级表彰');
    await sayAt(h, '2026-11-18T10:00:00+08:00', '陈一', '周记');
    const form = cardOf(cardsOf(h, '陈一').at(-1)!);
    expect(input(form, 'done').default_value).toBe('修改调研报告');
    expect(input(form, 'plan').default_value).toBe('');
    expect(Harness.textOf(form)).toContain('已按您上周填写的下周计划预填');

    await h.say('陈一', '我的周记');
    const history = JSON.stringify(cardOf(cardsOf(h, '陈一').at(-1)!));
    expect(history).toContain('2026年第46周');
    expect(history).toContain('按时提交');
    expect(history).toContain('未到截止时间');
    expect(history).toContain('未提交'); // earlier weeks

    await h.say('李二', '周记 本周事项');
    await h.say('林主任', '团队');
    const team = cardsOf(h, '林主任').at(-1)!;
    const teamText = JSON.stringify(cardOf(team));
    expect(teamText).toContain('综合处');
    expect(teamText).toContain('已交 1 / 应交 5');
    // Staff may not use /团队.
    await h.say('张三', '团队');
    expect(textsOf(h, '张三').at(-1)).toContain('仅限');

    const remind = await h.click('林主任', team, buttonValue(cardOf(team), weeklyRemind));
    expect(remind.toast?.content).toContain('陈一、王四、张三、赵五');
    expect(Harness.textOf(cardsOf(h, '王四').at(-1)!)).toContain('主管领导提醒您');
    // A staff member clicking a forwarded 提醒 button has no team: nothing is sent.
    const before = h.inbox('王四').length;
    const staffClick = await h.click('张三', team, buttonValue(cardOf(team), weeklyRemind));
    expect(staffClick.toast?.type).toBe('error');
    expect(h.inbox('王四')).toHaveLength(before);
  });

  it('/周记 恢复提醒, a group message answered privately, and an over-long record refused', async () => {
    h = await Harness.start({ dialect, now: '2026-11-18T10:00:00+08:00' });
    await h.say('赵敏', '周记 恢复提醒');
    expect(textsOf(h, '赵敏').at(-1)).toContain('无需更改');
    const chat = h.org.departments.find((d) => d.name === '办公室')!.chat_id!;
    await h.driver.sendText(h.person('赵敏').open_id, '周记 在群里写的周记', { chatId: chat });
    await h.settle();
    expect(textsOf(h, chat).join()).not.toContain('在群里写的周记');
    expect(textsOf(h, '赵敏').join()).toContain('在群里写的周记');
    await h.say('孙浩', `周记 ${'很长'.repeat(2100)}`);
    expect(textsOf(h, '孙浩').at(-1)).toContain('超过 4000 字的上限');
  });

  it('/请假 is limited to the unit admin’s own unit; import leave checks every row first', async () => {
    h = await Harness.start({ dialect, now: '2026-11-18T10:00:00+08:00' });
    await h.say('陈思远', '请假 郑凯 2026-11-16 2026-11-20');
    expect(textsOf(h, '陈思远').at(-1)).toContain('不在您所在单位');
    await h.say('陈思远', '请假 赵敏 2026-11-20 2026-11-16');
    expect(textsOf(h, '陈思远').at(-1)).toContain('早于开始日期');
    await h.say('赵敏', '请假 孙浩 2026-11-16 2026-11-20');
    expect(textsOf(h, '赵敏').at(-1)).toContain('仅限');
    expect(await h.db.selectFrom('leave_periods').selectAll().execute()).toHaveLength(0);

    const dir = mkdtempSync(join(tmpdir(), 'leave-'));
    const file = join(dir, 'leave.csv');
    const zhao = h.person('赵敏').open_id;
    writeFileSync(file, `open_id,start_date,end_date,kind,note\n${zhao},2026-11-16,2026-11-20,年休假,\nou_nobody,2026-11-16,2026-11-20,病假,\n${zhao},2026-13-01,2026-11-20,,\n`);
    const err = collector();
    const out = collector();
    await expect(importLeave(h, file, false, { out: out.stream, err: err.stream })).rejects.toThrow('未写入任何数据');
    expect(err.text()).toContain('第 3 行');
    expect(err.text()).toContain('第 4 行');
    expect(await h.db.selectFrom('leave_periods').selectAll().execute()).toHaveLength(0);

    await importLeave(h, file, true, { out: out.stream, err: err.stream });
    expect(out.text()).toContain('新增 1 条');
    await importLeave(h, file, true, { out: out.stream, err: err.stream });
    expect(out.text()).toContain('新增 0 条，已存在 1 条');
    expect(await h.db.selectFrom('audit_log').select('action').where('action', '=', 'leave.create').execute()).toHaveLength(1);

    // 赵敏 is on leave all of W47: not prompted, on_leave in the ledger.
    await h.runJob('weekly-prompt', '2026-11-20T15:00:00+08:00');
    expect(cardsOf(h, '赵敏')).toHaveLength(0);
    expect(cardsOf(h, '孙浩')).toHaveLength(1);

    await sayAt(h, '2026-11-20T16:00:00+08:00', '孙浩', '周记 =SUM(A1) 公式开头\n下周计划：继续');
    const csv = collector();
    await exportLedger(h.app, 'weekly-logs', { period: '2026-w47' }, { out: csv.stream, err: err.stream });
    const lines = csv.text().trim().split('\n');
    expect(lines[0]).toBe('week,unit,name,open_id,status,submitted_at,content');
    expect(lines.find((l) => l.includes('赵敏'))).toContain(',on_leave,');
    expect(csv.text()).toContain(`2026-W47,办公室,孙浩,${h.person('孙浩').open_id},on_time,2026-11-20T16:00:00+08:00,"'=SUM(A1) 公式开头\n下周计划：继续"`);

    const xlsx = join(dir, 'w47.xlsx');
    await exportLedger(h.app, 'weekly-logs', { period: '2026-W47', out: xlsx }, { out: csv.stream, err: err.stream });
    const { rows } = await readTable(xlsx, { columns: ['week', 'unit', 'name', 'open_id', 'status', 'submitted_at', 'content'] });
    expect(rows.find((r) => r.values.name === '孙浩')?.values).toMatchObject({ status: 'on_time', content: "'=SUM(A1) 公式开头\n下周计划：继续" });
    expect(rows.find((r) => r.values.name === '赵敏')?.values.status).toBe('on_leave');
    expect(rows).toHaveLength(12); // the demo org's 13 people but the 局长, who supervises only
  });
});

const importLeave = (h: Harness, file: string, skipBad: boolean, io: Io) => h.app.importer('leave')!.run(h.app.deps, file, { skipBad, actor: 'cli' }, io);
