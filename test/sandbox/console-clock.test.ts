import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serve } from '../../src/cli/serve';
import { loadConfig } from '../../src/config/env';
import { demoOrg } from '../../src/sandbox';
import type { ClockMove, ClockState } from '../../src/sandbox/console/view-types';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;
const START = '2026-06-08T10:00:00+08:00';
const who = (name: string) => demoOrg().users.find((u) => u.name === name)!.open_id;

/** `serve` in sandbox mode, driven over the console's HTTP routes (CONTRACT.md “Sandbox console”). */
describe('the sandbox clock: one clock for jobs and commands, moved from the console', () => {
  let dir: string;
  let stop: () => Promise<void>;
  let url: string;
  const get = (path: string): Promise<Json> => fetch(`${url}${path}`).then((r) => r.json());
  const post = (path: string, body: unknown): Promise<{ status: number; body: Json }> =>
    fetch(`${url}${path}`, { method: 'POST', body: JSON.stringify(body) }).then(async (r) => ({ status: r.status, body: await r.json() }));
  const move = async (to: string): Promise<ClockMove> => {
    const r = await post('/sandbox/clock', { to });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    return r.body;
  };
  const say = (name: string, text: string) => post('/sandbox/act', { kind: 'text', openId: who(name), text });
  const textsTo = async (name: string): Promise<string[]> =>
    ((await get(`/sandbox/messages?to=${who(name)}`)) as Json[]).filter((m) => m.msg_type === 'text').map((m) => m.content.text);

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'pingshi-clock-'));
    let printed = '';
    const out = new Writable({ write: (chunk, _enc, done) => ((printed += String(chunk)), done()) });
    const config = loadConfig({ DATABASE_URL: `file:${join(dir, 'pingshi.db')}`, PORT: '0', PINGSHI_SCHEDULER: 'off', LOG_LEVEL: 'silent' });
    stop = await serve(config, { out, err: out }, { sandboxStart: new Date(START) });
    url = /控制台：(\S+)\//.exec(printed)![1]!;
  });
  afterAll(async () => {
    await stop?.();
    rmSync(dir, { recursive: true, force: true });
  });

  it('offers the working times that come next, with their dates from the work calendar', async () => {
    const clock: ClockState = await get('/sandbox/clock');
    expect(clock.movable).toBe(true);
    expect(Date.parse(clock.now) - Date.parse(START)).toBeLessThan(60_000);
    expect(clock.targets.map((t) => [t.label, t.hint, new Date(t.at).toISOString()])).toEqual([
      ['下一个工作日 09:00', '6月9日 周二', '2026-06-09T01:00:00.000Z'],
      ['下一个周五 15:00', '周记填写提醒 · 6月12日 周五', '2026-06-12T07:00:00.000Z'],
      ['下周第一个工作日 09:00', '周记补交提醒与主管汇总 · 6月15日 周一', '2026-06-15T01:00:00.000Z'],
      ['下月第一个工作日 09:00', '2026年6月月度评鉴 · 7月1日 周三', '2026-07-01T01:00:00.000Z'],
      ['季度审定日 09:00', '2026年第二季度审定 · 7月8日 周三', '2026-07-08T01:00:00.000Z'],
    ]);
  });

  it('refuses to move backwards or to no time at all, in words that say what to do', async () => {
    expect(await post('/sandbox/clock', { to: '2026-06-01T09:00:00+08:00' })).toMatchObject({ status: 400, body: { error: expect.stringContaining('只能往后拨') } });
    expect(await post('/sandbox/clock', { to: '下周五' })).toMatchObject({ status: 400, body: { error: expect.stringContaining('2026-07-01T09:00:00+08:00') } });
  });

  it('runs every week’s prompt and reminder in order on the way, at the times the jobs are due', async () => {
    const { runs } = await move('2026-06-22T09:30:00+08:00');
    const weekly = runs.filter((r) => r.job.startsWith('weekly-') && !r.period.includes('第23周'));
    expect(weekly.map((r) => [r.job, new Date(r.at).toISOString()])).toEqual([
      ['weekly-prompt', '2026-06-12T07:00:00.000Z'],
      ['weekly-reminder', '2026-06-15T01:00:00.000Z'],
      // The Dragon Boat Festival is Friday 19 June: that week's prompt goes out on Thursday.
      ['weekly-prompt', '2026-06-18T07:00:00.000Z'],
      ['weekly-reminder', '2026-06-22T01:00:00.000Z'],
    ]);
    expect(runs.map((r) => r.at)).toEqual([...runs.map((r) => r.at)].sort());
    expect(weekly[0]).toMatchObject({ title: expect.stringContaining('周记填写提醒'), period: expect.stringContaining('2026年第24周'), failed: false });
    // What the jobs sent carries the time they ran, so the console shows a Friday prompt on Friday.
    const prompts = ((await get(`/sandbox/messages?to=${who('孙浩')}`)) as Json[]).filter((m) => m.card?.header?.title?.content === '填写周记');
    expect(prompts.map((m) => m.at.slice(0, 16))).toEqual(['2026-06-12T07:00', '2026-06-18T07:00']);
  });

  it('lets /审定 see the quarter that just closed once the clock is past it', async () => {
    const { runs } = await move('2026-07-08T09:00:00+08:00');
    expect(runs.map((r) => [r.job, r.period])).toContainEqual(['quarter-close', '2026年第二季度']);
    await say('陈思远', '审定');
    expect((await textsTo('陈思远')).at(-1)).toMatch(/^某市某局2026年第二季度/);
    const clock: ClockState = await get('/sandbox/clock');
    expect(clock.targets.find((t) => t.label.startsWith('季度审定日'))?.hint).toContain('2026年第三季度审定 · 10月');
  });

  it('resets to the demo organisation, an empty history and the starting time', async () => {
    expect((await post('/sandbox/reset', {})).status).toBe(200);
    expect(await get('/sandbox/messages')).toEqual([]);
    expect(Date.parse((await get('/sandbox/clock')).now) - Date.parse(START)).toBeLessThan(60_000);
    await say('孙浩', '周记 本周完成制度修订初稿');
    expect(await get(`/sandbox/messages?to=${who('孙浩')}`)).toHaveLength(1);
    // Nothing was run before: the first week's prompt goes out again.
    const { runs } = await move('2026-06-12T15:00:00+08:00');
    expect(runs.map((r) => r.job)).toContain('weekly-prompt');
  });
});
