import { randomBytes } from 'node:crypto';
import { spawn, type ChildProcess } from 'node:child_process';
import { fixedClock } from '../../src/core/clock';
import { applyOrgSnapshot } from '../../src/core/org/org.service';
import { ORG_COLUMNS, parseOrgRows } from '../../src/core/org/org-snapshot';
import pg from 'pg';
import { migrateToLatest, openStore, type Store } from '../../src/db/connect';
import { readTableFromString } from '../../src/io/table-file';
import { LarkDriver, orgToCsv, p2pChatIdFor, textMessageEvent, type Envelope, type LarkSandbox, type SandboxOrg } from '../../src/sandbox';

/** Helpers for tests that run the bot as real processes (`node bin/pingshi.mjs serve`) on one database. */

export const ENCRYPT_KEY = 'scale-encrypt-key';
export const VERIFICATION_TOKEN = 'scale-verification-token';

/** What `serve` needs to run as `appId` against the sandbox at `larkUrl` on `store`, its calendar from `start`; `extra` adds settings. */
export function botEnv(o: { appId: string; larkUrl: string; store: { url: string }; start: Date }, extra: Record<string, string> = {}): Record<string, string> {
  return {
    LARK_APP_ID: o.appId,
    LARK_APP_SECRET: 's',
    LARK_ENCRYPT_KEY: ENCRYPT_KEY,
    LARK_VERIFICATION_TOKEN: VERIFICATION_TOKEN,
    LARK_BASE_URL: o.larkUrl,
    DATABASE_URL: o.store.url,
    PINGSHI_CLOCK_START: o.start.toISOString(),
    ...extra,
  };
}

export interface Bot {
  child: ChildProcess;
  /** hostname:pid, as the bot writes it into job_runs.instance. */
  pid: number;
  url: string;
  stderr: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

const started = new Set<ChildProcess>();

/** Kills (SIGKILL) every bot process this test file started that is still running. */
export async function killAllBots(): Promise<void> {
  await Promise.all(
    [...started].map(async (c) => {
      if (c.exitCode === null && c.signalCode === null) {
        const gone = new Promise((r) => c.once('exit', r));
        c.kill('SIGKILL');
        await gone;
      }
      started.delete(c);
    }),
  );
}

/** Starts `serve` with `env` and resolves once it prints the URL it listens on. */
export async function startBot(env: Record<string, string>, timeoutMs = 60_000): Promise<Bot> {
  const child = spawn(process.execPath, ['bin/pingshi.mjs', 'serve'], {
    cwd: process.cwd(),
    env: { ...process.env, LOG_LEVEL: 'error', PORT: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  started.add(child);
  let err = '';
  let found = (): void => {};
  child.stderr!.on('data', (d: Buffer) => {
    err += d.toString();
    found();
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the bot did not start in time: ${err}`)), timeoutMs);
    // A real deployment prints its start line, with the URL, on stderr (stdout is JSON logs only).
    found = () => {
      const m = /平时考核助手已启动：(http:\/\/127\.0\.0\.1:\d+)/.exec(err);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    };
    found();
    void exited.then(({ code }) => {
      clearTimeout(timer);
      reject(new Error(`the bot exited (${code}) before listening: ${err}`));
    });
  });
  return { child, pid: child.pid!, url, stderr: () => err, exited };
}

export async function stopBot(bot: Bot, signal: NodeJS.Signals): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  if (bot.child.exitCode === null && bot.child.signalCode === null) bot.child.kill(signal);
  return bot.exited;
}

export async function until(what: string, check: () => Promise<boolean> | boolean, timeoutMs: number, pollMs = 100): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, pollMs));
  }
  throw new Error(`timed out waiting for ${what}`);
}

/**
 * A database of its own (not a schema in the shared test database): the processes' pools, the test's
 * and other suites running at the same time cannot disturb one another. Dropped with `close()`.
 */
export async function freshPostgresDatabase(baseUrl: string): Promise<Store & { url: string }> {
  const name = `pingshi_scale_${randomBytes(5).toString('hex')}`;
  const admin = async (q: string) => {
    const c = new pg.Client({ connectionString: baseUrl });
    await c.connect();
    try {
      await c.query(q);
    } finally {
      await c.end();
    }
  };
  await admin(`create database ${name}`);
  const u = new URL(baseUrl);
  u.pathname = `/${name}`;
  const url = u.toString();
  const store = openStore(url);
  await migrateToLatest(store.db);
  return {
    ...store,
    url,
    close: async () => {
      await store.close();
      await admin(`drop database if exists ${name} with (force)`);
    },
  };
}

/** The org file imported as `import org` would, with the calendar clock at `at`. */
export async function importOrg(store: Store, org: SandboxOrg, at: Date): Promise<void> {
  const { rows } = await readTableFromString(orgToCsv(org), { columns: ORG_COLUMNS });
  const { snapshot, errors } = parseOrgRows(rows);
  if (errors.length) throw new Error(`org fixture has errors: ${JSON.stringify(errors)}`);
  await applyOrgSnapshot(store.db, fixedClock(at), snapshot, { source: 'import', actor: 'test', deactivate: 'missing-in-listed-units' });
}

export interface PlannedEvent {
  envelope: Envelope;
  messageId: string;
  openId: string;
}

/**
 * `messages` p2p commands from the org's people, then `repushes` of some of them under a new event_id
 * (as Lark does; the bot must de-duplicate by message_id), shuffled together.
 */
export function planEvents(sandbox: LarkSandbox, org: SandboxOrg, appId: string, at: Date, messages: number, repushes: number): PlannedEvent[] {
  const texts = ['我的周记', '帮助'];
  const firsts: PlannedEvent[] = [];
  for (let i = 0; i < messages; i++) {
    const u = org.users[i % org.users.length]!;
    const messageId = `om_${randomBytes(16).toString('hex')}`;
    const chatId = p2pChatIdFor(appId, u.open_id);
    sandbox.recordInbound({ message_id: messageId, chat_id: chatId, chat_type: 'p2p', open_id: u.open_id });
    const envelope = textMessageEvent(
      { appId, tenantKey: org.tenantKey ?? 'tenant', token: VERIFICATION_TOKEN, at },
      { sender: { open_id: u.open_id, user_id: u.user_id, union_id: u.union_id }, text: texts[i % texts.length]!, messageId, chatId, chatType: 'p2p' },
    );
    firsts.push({ envelope, messageId, openId: u.open_id });
  }
  const again = firsts.slice(0, repushes).map((e) => ({ ...e, envelope: { ...e.envelope, header: { ...e.envelope.header, event_id: randomBytes(16).toString('hex') } } }));
  const all = [...firsts, ...again];
  // A fixed shuffle: re-pushes arrive among the first deliveries, sometimes before them.
  let seed = 7;
  for (let i = all.length - 1; i > 0; i--) {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    const j = seed % (i + 1);
    [all[i], all[j]] = [all[j]!, all[i]!];
  }
  return all;
}

/** A driver that signs and encrypts for one bot, as Lark does; no retries (the test decides what is re-sent). */
export function driverFor(bot: { url: string }, appId: string, org: SandboxOrg): LarkDriver {
  return new LarkDriver({
    eventsUrl: `${bot.url}/lark/events`,
    appId,
    tenantKey: org.tenantKey ?? 'tenant',
    encryptKey: ENCRYPT_KEY,
    verificationToken: VERIFICATION_TOKEN,
    retrySchedule: [],
  });
}

/** Runs `work` over `items` with at most `width` at a time. */
export async function inParallel<T>(items: T[], width: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < items.length) await work(items[next++]!);
    }),
  );
}
