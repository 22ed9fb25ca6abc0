import { z } from 'zod';

const envSchema = z.object({
  LARK_APP_ID: z.string().min(1).optional(),
  LARK_APP_SECRET: z.string().min(1).optional(),
  LARK_ENCRYPT_KEY: z.string().min(1).optional(),
  LARK_VERIFICATION_TOKEN: z.string().min(1).optional(),
  LARK_BASE_URL: z.url({ message: 'must be a URL such as https://open.feishu.cn' }).default('https://open.feishu.cn'),
  DATABASE_URL: z
    .string()
    .regex(/^(file:|postgres(ql)?:\/\/|:memory:)/, 'must start with file: or postgres://')
    .default('file:./data/pingshi.db'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  PINGSHI_RULES: z.string().min(1).optional(),
  PINGSHI_SCHEDULER: z.enum(['on', 'off']).default('on'),
  /** How far a request timestamp may be from now (seconds); Lark retries for up to ~7 h. */
  PINGSHI_SIGNATURE_WINDOW_SECONDS: z.coerce.number().int().min(60).default(8 * 3600),
  /** How long a sender owns a message before another instance may retry it (must exceed a send's timeout). */
  PINGSHI_OUTBOX_LEASE_SECONDS: z.coerce.number().int().min(5).max(600).default(30),
  /** Sandbox mode only: the port of the built-in Lark stand-in (0 = any free port). */
  PINGSHI_SANDBOX_PORT: z.coerce.number().int().min(0).max(65535).default(0),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

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
  logLevel: string;
}

export class ConfigError extends Error {
  readonly code = 'CONFIG_INVALID';
}

const FIXES: Record<string, string> = {
  LARK_APP_SECRET: 'set it to the App Secret from the Feishu developer console (凭证与基础信息)',
  LARK_ENCRYPT_KEY: 'set it to the Encrypt Key from 事件与回调 → 加密策略',
  LARK_VERIFICATION_TOKEN: 'set it to the Verification Token from 事件与回调 → 加密策略',
};

/** Reads the environment; a bad or missing setting throws one line naming the variable and the fix. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== ''));
  const parsed = envSchema.safeParse(cleaned);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const name = String(issue.path[0] ?? 'environment');
    throw new ConfigError(`${name} is invalid: ${issue.message} (got ${JSON.stringify(env[name])}).`);
  }
  const e = parsed.data;
  const sandbox = !e.LARK_APP_ID;
  if (!sandbox) {
    for (const name of ['LARK_APP_SECRET', 'LARK_ENCRYPT_KEY', 'LARK_VERIFICATION_TOKEN'] as const) {
      if (!e[name]) throw new ConfigError(`${name} is required when LARK_APP_ID is set: ${FIXES[name]}.`);
    }
  }
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
    logLevel: e.LOG_LEVEL,
  });
}
