import { afterEach, describe, expect, it } from 'vitest';
import { Writable } from 'node:stream';
import { doctor } from '../../src/cli/doctor';
import { Harness } from '../helpers/harness';
import { cardsTitled } from '../helpers/cards';

/**
 * Issue 10 item 8: chinese-days has no 2027 schedule. Week 2026-W53 runs into 2027 (元旦 is Friday
 * 1 January): guessing weekdays would put its due date on the holiday. The job waits, the admins are
 * told once, /metrics and doctor show it; once the rules file gives 2027's holidays and make-up
 * days, the same job runs and the week is due on Thursday 31 December.
 */
describe('a job that needs a day of a year without its holiday schedule', () => {
  let h: Harness;
  afterEach(async () => h?.close());

  it('waits and alerts the admins (card, /metrics) instead of guessing', async () => {
    h = await Harness.start({ now: '2026-12-28T09:00:00+08:00' });
    const first = await h.runJob('weekly-prompt', '2026-12-31T15:00:00+08:00');
    expect(first).toMatchObject({ status: 'waiting', year: 2027 });
    expect(first.message).toContain('2027 年的节假日与调休安排尚未录入');
    // Nothing was sent to staff and nothing claimed: the run happens once the year is known.
    expect(cardsTitled(h, '赵敏', '')).toHaveLength(0);
    expect(await h.db.selectFrom('job_runs').selectAll().where('job', '=', 'weekly-prompt').execute()).toHaveLength(0);
    const alert = cardsTitled(h, '刘洋', '节假日安排缺失 · 2027年');
    expect(alert).toHaveLength(1);
    expect(Harness.textOf(alert[0]!)).toContain('calendar.extra_workdays');
    expect(cardsTitled(h, '陈思远', '节假日安排缺失')).toHaveLength(0);

    expect((await h.runJob('weekly-prompt', '2026-12-31T15:30:00+08:00')).status).toBe('waiting');
    expect(cardsTitled(h, '刘洋', '节假日安排缺失')).toHaveLength(1);

    // The previous week's reminder needs only 2026's days: it is not held up (Monday 28 December, 09:00).
    expect(await h.runJob('weekly-reminder', '2026-12-28T09:00:00+08:00')).toMatchObject({ status: 'done', periodKey: '2026-W52' });

    const metrics = await (await fetch(`${h.url}/metrics`)).text();
    expect(metrics).toContain('pingshi_calendar_year_ready{year="2026"} 1');
    expect(metrics).toContain('pingshi_calendar_year_ready{year="2027"} 0');
    expect(metrics).toContain('pingshi_job_waiting_for_calendar{job="weekly-prompt"} 2027');
  });

  it('runs once the rules file gives the year’s holidays and make-up days; one of them alone is not enough', async () => {
    h = await Harness.start({ now: '2026-12-28T09:00:00+08:00', rules: { calendar: { extra_holidays: ['2027-01-01'] } } });
    expect((await h.runJob('weekly-prompt', '2026-12-31T15:00:00+08:00')).status).toBe('waiting');
    await h.close();

    h = await Harness.start({ now: '2026-12-28T09:00:00+08:00', rules: { calendar: { extra_holidays: ['2027-01-01'], extra_workdays: ['2027-02-20'] } } });
    const done = await h.runJob('weekly-prompt', '2026-12-31T15:00:00+08:00');
    expect(done).toMatchObject({ status: 'done', periodKey: '2026-W53' });
    expect(Harness.textOf(cardsTitled(h, '赵敏', '').at(-1)!)).toContain('12月31日（周四）18:00');
  });

  it('doctor names the missing year: a warning in November, an error from 20 December, and how to fix it', async () => {
    const run = async (at: string) => {
      let out = '';
      const io = { out: new Writable({ write: (c, _e, cb) => ((out += String(c)), cb()) }), err: new Writable({ write: (_c, _e, cb) => cb() }) };
      const saved = { ...process.env };
      for (const k of ['LARK_APP_ID', 'LARK_APP_SECRET', 'LARK_ENCRYPT_KEY', 'LARK_VERIFICATION_TOKEN', 'PINGSHI_RULES']) delete process.env[k];
      process.env.DATABASE_URL = 'file::memory:';
      try {
        await doctor(io, new Date(at));
      } finally {
        for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key];
        Object.assign(process.env, saved);
      }
      return out;
    };
    expect(await run('2026-11-10T10:00:00+08:00')).toMatch(/⚠ 节假日：尚无 2027 年放假或调休安排（国务院通常在 11 月前后公布）/);
    const late = await run('2026-12-21T10:00:00+08:00');
    expect(late).toMatch(/✘ 节假日：尚无 2027 年放假或调休安排，跨年的周记与提醒任务即将暂停等待/);
    expect(late).toContain('两项都要录入');
    expect(late).toContain('✔ 节假日：2026 年放假与调休安排已就绪');
  });
});
