import { z } from 'zod';
import { redactUrl } from '../io/redact';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

const intIn = (min: number, max: number, hint: string) => z.coerce.number({ message: hint }).int(hint).min(min, hint).max(max, hint);

/** Each variable with what a valid value looks like, in the words of the start-up error. */
const envSchema = z.object({
  LARK_APP_ID: z.string().min(1).optional(),
  LARK_APP_SECRET: z.string().min(1).optional(),
  LARK_ENCRYPT_KEY: z.string().min(1).optional(),
  LARK_VERIFICATION_TOKEN: z.string().min(1).optional(),
  LARK_BASE_URL: z.url({ message: '应为网址，例如 https://open.feishu.cn' }).default('https://open.feishu.cn'),
  DATABASE_URL: z
    .string()
    .regex(/^(file:|postgres(ql)?:\/\/|:memory:)/, '应以 file: 或 postgres:// 开头')
    .default('file:./data/pingshi.db'),
  PORT: intIn(0, 65535, '应为 0–65535 的整数').default(3000),
  PINGSHI_RULES: z.string().min(1).optional(),
  PINGSHI_SCHEDULER: z.enum(['on', 'off'], { message: '只能是 on 或 off' }).default('on'),
  /** How far a request timestamp may be from now (seconds); Lark retries for up to ~7 h. */
  PINGSHI_SIGNATURE_WINDOW_SECONDS: intIn(60, Number.MAX_SAFE_INTEGER, '应为不小于 60 的整数秒数').default(8 * 3600),
  /** How long a sender owns a message before another instance may retry it (must exceed a send's timeout). */
  PINGSHI_OUTBOX_LEASE_SECONDS: intIn(5, 600, '应为 5–600 的整数秒数').default(30),
  /** How long an instance owns an inbound event it is processing before another may take it over. */
  PINGSHI_INBOX_LEASE_SECONDS: intIn(2, 3600, '应为 2–3600 的整数秒数').default(60),
  /** How long an instance owns a scheduled job's run without renewing it (it renews every third of it while it works). */
  PINGSHI_JOB_LEASE_SECONDS: intIn(2, 3600, '应为 2–3600 的整数秒数').default(120),
  /** PostgreSQL: connections per instance (instances × this must stay below the server's max_connections). */
  PINGSHI_DB_POOL_SIZE: intIn(1, 500, '应为 1–500 的整数').default(10),
  /** On SIGTERM: how long to let running work finish before giving its claims back and exiting. */
  PINGSHI_SHUTDOWN_GRACE_SECONDS: intIn(0, 3600, '应为 0–3600 的整数秒数').default(20),
  /** Rehearsals and tests only: the bot's calendar clock starts at this instant and runs on from there. */
  PINGSHI_CLOCK_START: z.iso.datetime({ offset: true, message: '应为 ISO-8601 时刻，例如 2026-11-20T15:05:00+08:00' }).optional(),
  /** Sandbox mode only: the port of the built-in Lark stand-in (0 = any free port). */
  PINGSHI_SANDBOX_PORT: intIn(0, 65535, '应为 0–65535 的整数').default(0),
  /** How long a request body may take to arrive (CONTRACT.md: 10 s); lower only for tests. */
  PINGSHI_BODY_TIMEOUT_MS: intIn(100, 600_000, '应为 100–600000 的整数毫秒数').default(10_000),
  LOG_LEVEL: z.enum(LOG_LEVELS, { message: `只能是 ${LOG_LEVELS.join('/')}` }).default('info'),
  /** The daily SQLite backup (jobs read them through backupSettings). */
  PINGSHI_BACKUP_DIR: z.string().min(1).default('./data/backups'),
  /** Daily copies kept: a city's database is gigabytes, and a copy a day for good filled the disk. */
  PINGSHI_BACKUP_KEEP: intIn(0, 1_000_000, '应为不小于 0 的整数（保留最近几份备份，0 表示全部保留）').default(14),
});

const backupSchema = envSchema.pick({ PINGSHI_BACKUP_DIR: true, PINGSHI_BACKUP_KEEP: true });

export interface Config {
  sandbox: boolean;
  appId: string;
  appSecret: string;
  encryptKey: string;
  verificationToken: string;
  baseUrl: string;
  databaseUrl: string;
  port: number;
  rulesPath: string | undefined;
  scheduler: boolean;
  signatureWindowSeconds: number;
  sandboxPort: number;
  outboxLeaseSeconds: number;
  /** Defaults (absent): inbox lease 60 s, job lease 120 s, pool 10, shutdown grace 20 s, system clock. */
  inboxLeaseSeconds?: number;
  jobLeaseSeconds?: number;
  dbPoolSize?: number;
  shutdownGraceSeconds?: number;
  clockStart?: Date;
  logLevel: string;
  /** Default 10 000 when absent. */
  bodyTimeoutMs?: number;
}

export class ConfigError extends Error {
  readonly code = 'CONFIG_INVALID';
}

const LARK_REQUIRED = ['LARK_APP_ID', 'LARK_APP_SECRET', 'LARK_ENCRYPT_KEY', 'LARK_VERIFICATION_TOKEN'] as const;
const LARK_KNOWN: readonly string[] = [...LARK_REQUIRED, 'LARK_BASE_URL'];

/**
 * Sandbox mode only when no LARK_* variable is set at all: a misspelt LARK_APP_ID must not start
 * the bot with publicly known sandbox keys against the production database.
 */
function isSandbox(env: Record<string, string>): boolean {
  const set = Object.keys(env).filter((k) => k.startsWith('LARK_'));
  if (set.length === 0) return true;
  const missing = LARK_REQUIRED.filter((k) => !env[k]);
  if (missing.length === 0) return false;
  const typos = set.filter((k) => !LARK_KNOWN.includes(k)).map((k) => `${k}（应为 ${closestLarkName(k)}？）`);
  throw new ConfigError(
    `缺少 ${missing.join('、')}：已设置 ${set.join('、')}，因此不会以沙箱模式启动。` +
      (typos.length ? `无法识别的变量名 ${typos.join('、')}。` : '') +
      '请从飞书开发者后台（凭证与基础信息、事件与回调 → 加密策略）取得这些值并设置；若要用沙箱模式，请删除所有 LARK_* 变量。',
  );
}

function closestLarkName(name: string): string {
  const squash = (s: string) => s.replace(/_/g, '');
  return LARK_KNOWN.find((k) => squash(k) === squash(name)) ?? LARK_KNOWN.reduce((best, k) => (distance(k, name) < distance(best, name) ? k : best));
}

function distance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) row[j] = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = row;
  }
  return prev[b.length]!;
}

/** A bad value is quoted so the operator sees the typo, but a secret never is, and a URL without its password. */
function shown(name: string, value: string | undefined): string {
  if (value === undefined) return '未设置';
  if (/SECRET|KEY|TOKEN|PASSWORD/.test(name)) return '已隐藏';
  const text = /URL$/.test(name) ? redactUrl(value) : value;
  return JSON.stringify(text.length > 80 ? `${text.slice(0, 80)}…` : text);
}

/** The variables that are set (an empty one counts as unset), parsed; a bad one throws one line naming it and the fix. */
function parseEnv<S extends z.ZodType>(schema: S, env: NodeJS.ProcessEnv): { e: z.infer<S>; cleaned: Record<string, string> } {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== '' && v !== undefined)) as Record<string, string>;
  const parsed = schema.safeParse(cleaned);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const name = String(issue.path[0] ?? '环境变量');
    throw new ConfigError(`${name} 无效：${issue.message}（当前值 ${shown(name, cleaned[name])}）。请改正后重新启动。`);
  }
  return { e: parsed.data, cleaned };
}

/**
 * Where the daily backup goes and how many copies stay, read when the job runs; the same rules
 * as at start (loadConfig checks them too, so a typo stops the bot instead of keeping every copy).
 */
export function backupSettings(env: NodeJS.ProcessEnv = process.env): { dir: string; keep: number } {
  const { e } = parseEnv(backupSchema, env);
  return { dir: e.PINGSHI_BACKUP_DIR, keep: e.PINGSHI_BACKUP_KEEP };
}

/** Reads the environment; a bad or missing setting throws one line naming the variable and the fix. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const { e, cleaned } = parseEnv(envSchema, env);
  const sandbox = isSandbox(cleaned);
  return Object.freeze({
    sandbox,
    appId: e.LARK_APP_ID ?? 'cli_sandbox00000000',
    appSecret: e.LARK_APP_SECRET ?? 'sandbox-secret',
    encryptKey: e.LARK_ENCRYPT_KEY ?? 'sandbox-encrypt-key',
    verificationToken: e.LARK_VERIFICATION_TOKEN ?? 'sandbox-verification-token',
    baseUrl: e.LARK_BASE_URL.replace(/\/+$/, ''),
    databaseUrl: e.DATABASE_URL,
    port: e.PORT,
    rulesPath: e.PINGSHI_RULES,
    scheduler: e.PINGSHI_SCHEDULER === 'on',
    signatureWindowSeconds: e.PINGSHI_SIGNATURE_WINDOW_SECONDS,
    sandboxPort: e.PINGSHI_SANDBOX_PORT,
    outboxLeaseSeconds: e.PINGSHI_OUTBOX_LEASE_SECONDS,
    inboxLeaseSeconds: e.PINGSHI_INBOX_LEASE_SECONDS,
    jobLeaseSeconds: e.PINGSHI_JOB_LEASE_SECONDS,
    dbPoolSize: e.PINGSHI_DB_POOL_SIZE,
    shutdownGraceSeconds: e.PINGSHI_SHUTDOWN_GRACE_SECONDS,
    ...(e.PINGSHI_CLOCK_START ? { clockStart: new Date(e.PINGSHI_CLOCK_START) } : {}),
    logLevel: e.LOG_LEVEL,
    bodyTimeoutMs: e.PINGSHI_BODY_TIMEOUT_MS,
  });
}
