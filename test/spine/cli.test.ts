import { mkdtempSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main';
import { migrateToLatest, openStore } from '../../src/db/connect';

function io() {
  const out: string[] = [];
  const err: string[] = [];
  const stream = (sink: string[]) => ({ write: (s: string) => sink.push(String(s)) }) as unknown as NodeJS.WritableStream;
  return { io: { out: stream(out), err: stream(err) }, out: () => out.join(''), err: () => err.join('') };
}

describe('the pingshi CLI', () => {
  const saved = { ...process.env };
  beforeEach(() => {
    process.env.DATABASE_URL = `file:${join(mkdtempSync(join(tmpdir(), 'pingshi-cli-')), 'cli.db')}`;
    delete process.env.LARK_APP_ID;
    process.env.PINGSHI_SCHEDULER = 'off';
  });
  afterEach(() => {
    process.env = { ...saved };
  });

  it('migrates, and explains usage mistakes in one line with exit code 1', async () => {
    const a = io();
    expect(await main(['migrate'], a.io)).toBe(0);
    expect(a.out()).toContain('数据库结构已是最新');

    const b = io();
    expect(await main(['run-job', 'no-such-job'], b.io)).toBe(1);
    expect(b.err()).toMatch(/请指定任务名：.*backup/);

    const c = io();
    expect(await main(['export', 'no-such-ledger', '--period', '2026-W47'], c.io)).toBe(1);
    expect(c.err()).toContain('未知的台账 no-such-ledger');

    const d = io();
    expect(await main(['frobnicate'], d.io)).toBe(1);
    expect(d.err()).toContain('未知命令 frobnicate');
  });

  it('runs a job as if at a given time, once per period', async () => {
    const dir = (process.env.PINGSHI_BACKUP_DIR = mkdtempSync(join(tmpdir(), 'pingshi-bak-')));
    // Fifteen earlier daily copies, and a file of the operator's own.
    for (let d = 1; d <= 15; d++) writeFileSync(join(dir, `pingshi-2026-11-${String(d).padStart(2, '0')}.db`), '');
    writeFileSync(join(dir, 'notes.txt'), '备份说明');
    const first = io();
    expect(await main(['run-job', 'backup', '--at', '2026-11-20T02:30:00+08:00'], first.io)).toBe(0);
    expect(first.out()).toContain('backup 2026-11-20');
    expect(first.out()).toContain('删除 2 份更早的备份（保留最近 14 份）');
    // The newest fourteen copies stay (today's among them), and nothing else is touched.
    const left = readdirSync(dir).sort();
    expect(left).toEqual([...Array.from({ length: 13 }, (_, i) => `pingshi-2026-11-${String(i + 3).padStart(2, '0')}.db`), 'pingshi-2026-11-20.db', 'notes.txt'].sort());
    expect(statSync(join(dir, 'pingshi-2026-11-20.db')).size).toBeGreaterThan(0);
    const again = io();
    expect(await main(['run-job', 'backup', '--at', '2026-11-20T05:00:00+08:00'], again.io)).toBe(0);
    expect(again.out()).toContain('已执行过');
    const bad = io();
    expect(await main(['run-job', 'backup', '--at', 'yesterday'], bad.io)).toBe(1);
    expect(bad.err()).toContain('--at 不是有效的时间');
  });

  it('stops with one line when the environment is wrong', async () => {
    process.env.LARK_APP_ID = 'cli_real';
    const r = io();
    expect(await main(['migrate'], r.io)).toBe(1);
    expect(r.err().trim().split('\n')).toHaveLength(1);
    expect(r.err()).toMatch(/^缺少 LARK_APP_SECRET、LARK_ENCRYPT_KEY、LARK_VERIFICATION_TOKEN：/);
  });

  it('refuses a backup count that is not a whole number, instead of keeping every copy', async () => {
    const dir = (process.env.PINGSHI_BACKUP_DIR = mkdtempSync(join(tmpdir(), 'pingshi-bak-')));
    for (let d = 1; d <= 3; d++) writeFileSync(join(dir, `pingshi-2026-11-${String(d).padStart(2, '0')}.db`), '');
    process.env.PINGSHI_BACKUP_KEEP = '两份';
    const bad = io();
    expect(await main(['run-job', 'backup', '--at', '2026-11-20T02:30:00+08:00'], bad.io)).toBe(1);
    expect(bad.err().trim()).toBe('PINGSHI_BACKUP_KEEP 无效：应为不小于 0 的整数（保留最近几份备份，0 表示全部保留）（当前值 "两份"）。请改正后重新启动。');
    expect(readdirSync(dir)).toHaveLength(3);

    process.env.PINGSHI_BACKUP_KEEP = '2';
    const good = io();
    expect(await main(['run-job', 'backup', '--at', '2026-11-20T02:30:00+08:00'], good.io)).toBe(0);
    expect(good.out()).toContain('删除 2 份更早的备份（保留最近 2 份）');
    expect(readdirSync(dir).sort()).toEqual(['pingshi-2026-11-03.db', 'pingshi-2026-11-20.db']);
  });

  it('shows given-up messages in doctor, and outbox retry puts them back in the queue', async () => {
    const store = openStore(process.env.DATABASE_URL!);
    await migrateToLatest(store.db);
    const at = '2026-11-20T02:00:00.000Z';
    const row = (id: string, status: string) => ({
      id,
      idem_key: `k-${id}`,
      op: 'send',
      receive_id_type: 'open_id',
      receive_id: 'ou_x',
      msg_type: 'text',
      content: JSON.stringify({ text: '您好' }),
      target_message_id: null,
      target_key: null,
      status,
      attempts: 30,
      next_attempt_at: at,
      lease_until: null,
      message_id: null,
      last_error: status === 'failed' ? '230001 invalid receive_id' : 'HTTP 503',
      created_at: at,
      sent_at: null,
    });
    await store.db.insertInto('outbox').values([row('ob_1', 'given_up'), row('ob_2', 'failed')]).execute();
    await store.close();

    const doctor = io();
    await main(['doctor'], doctor.io);
    expect(doctor.out()).toContain('✘ 外发消息：1 条因飞书持续不可用超过 24 小时已放弃');

    const retry = io();
    expect(await main(['outbox', 'retry'], retry.io)).toBe(0);
    expect(retry.out()).toContain('已重新排队 1 条消息');
    const all = io();
    expect(await main(['outbox', 'retry', '--all'], all.io)).toBe(0);
    expect(all.out()).toContain('已重新排队 1 条消息');
    const check = openStore(process.env.DATABASE_URL!);
    expect((await check.db.selectFrom('outbox').select(['id', 'status']).orderBy('id').execute()).map((r) => r.status)).toEqual(['pending', 'pending']);
    await check.close();
  });
});
