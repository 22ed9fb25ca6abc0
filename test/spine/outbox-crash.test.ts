import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { systemClock } from '../../src/core/clock';
import { outboxMessenger } from '../../src/db/outbox.repository';
import { buildOrg, LarkSandbox } from '../../src/sandbox';
import { createTestStore, dialectsUnderTest, type TestStore } from '../helpers/stores';

// Within one minute's worth of Lark's 1,000/min even with the faults' retries, so the test measures
// exactly-once delivery, not the rate limit (bench/fanout.ts measures that).
const RECIPIENTS = 300;

function startBot(env: Record<string, string>): ChildProcess {
  return spawn(process.execPath, ['bin/pingshi.mjs', 'serve'], {
    cwd: process.cwd(),
    env: { ...process.env, ...env, LOG_LEVEL: 'silent', PINGSHI_SCHEDULER: 'off', PORT: '0' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}

async function until(what: string, check: () => Promise<boolean> | boolean, timeoutMs: number, child?: ChildProcess): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (child && (child.exitCode !== null || child.signalCode !== null)) throw new Error(`the bot exited (${child.exitCode}) while waiting for ${what}`);
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`timed out waiting for ${what}`);
}

async function kill(child: ChildProcess, signal: NodeJS.Signals): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill(signal);
  await exited;
}

describe.each(dialectsUnderTest())('outbox after a crash (%s)', (dialect) => {
  let sandbox: LarkSandbox | undefined;
  let store: TestStore | undefined;
  const children: ChildProcess[] = [];
  afterEach(async () => {
    for (const c of children.splice(0)) await kill(c, 'SIGKILL');
    await sandbox?.stop();
    await store?.close();
  });

  it('sends exactly one message to each of 300 recipients across a SIGKILL, with 20% faults', async () => {
    const org = buildOrg({ units: [{ id: 'D1', name: '测试处', staff: Array.from({ length: RECIPIENTS }, (_, i) => ({ name: `人员${i}` })) }] });
    const appId = `cli_crash${dialect === 'sqlite' ? '0001' : '0002'}aaaaaaa`;
    sandbox = new LarkSandbox({ appId, appSecret: 's', org, seed: 7, faults: { errorRate: 0.1, afterCommitErrorRate: 0.1 } });
    const { url } = await sandbox.start(0);
    store = await createTestStore(dialect, dialect === 'sqlite' ? { file: join(mkdtempSync(join(tmpdir(), 'pingshi-crash-')), 'bot.db') } : {});
    const recipients = org.users.map((u) => u.open_id).filter((id) => id.startsWith('ou_'));
    expect(recipients.length).toBeGreaterThanOrEqual(RECIPIENTS);
    const messenger = outboxMessenger(store.db, systemClock);
    for (const id of recipients) await messenger.send({ type: 'open_id', id }, { kind: 'text', text: '本周周记请于周五 18:00 前提交。' }, `crash-test:${id}`);

    const env = {
      LARK_APP_ID: appId,
      LARK_APP_SECRET: 's',
      LARK_ENCRYPT_KEY: 'k',
      LARK_VERIFICATION_TOKEN: 't',
      LARK_BASE_URL: url,
      DATABASE_URL: store.url,
      PINGSHI_OUTBOX_LEASE_SECONDS: '8',
    };
    const first = startBot(env);
    children.push(first);
    await until('a third of the messages', () => sandbox!.messages().length >= recipients.length / 3, 90_000, first);
    await kill(first, 'SIGKILL');

    const second = startBot(env);
    children.push(second);
    const db = store.db;
    await until(
      'the outbox to drain',
      async () => {
        const left = await db.selectFrom('outbox').select('id').where('status', '!=', 'sent').limit(1).execute();
        return left.length === 0;
      },
      150_000,
      second,
    );
    await kill(second, 'SIGTERM');

    const perRecipient = new Map<string, number>();
    for (const m of sandbox.messages()) perRecipient.set(m.receive_id, (perRecipient.get(m.receive_id) ?? 0) + 1);
    expect(perRecipient.size).toBe(recipients.length);
    expect([...perRecipient.values()].every((n) => n === 1)).toBe(true);
    // The faults really happened: some sends were retried.
    const retried = await db.selectFrom('outbox').select('id').where('attempts', '>', 1).execute();
    expect(retried.length).toBeGreaterThan(0);
  }, 300_000);
});
