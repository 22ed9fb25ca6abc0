import { DEMO_TENANT_KEY, demoOrg } from './demo-org';
import { LarkDriver } from './driver';
import type { SandboxOrg } from './org';
import { LarkSandbox } from './server';

/** Credentials the bot uses in sandbox mode (no LARK_APP_ID); not secrets, the sandbox is local only. */
export interface SandboxCredentials {
  appId: string;
  appSecret: string;
  encryptKey: string;
  verificationToken: string;
}

export const SANDBOX_CREDENTIALS: Readonly<SandboxCredentials> = {
  appId: 'cli_a0b1c2d3e4f50617',
  appSecret: 'sandbox-app-secret',
  encryptKey: 'sandbox-encrypt-key',
  verificationToken: 'sandbox-verification-token',
};

export interface DemoSandboxOptions {
  /** The bot's event URL, e.g. http://127.0.0.1:3000/lark/events */
  eventsUrl: string;
  cardsUrl?: string;
  port?: number;
  host?: string;
  org?: SandboxOrg;
  credentials?: Partial<SandboxCredentials>;
  retrySchedule?: number[];
  /** The sandbox's clock (ms), for message times; the bot's movable clock in sandbox mode. */
  now?: () => number;
}

export interface DemoSandbox {
  sandbox: LarkSandbox;
  driver: LarkDriver;
  /** Base URL to give the SDK (`LARK_BASE_URL`). */
  url: string;
  /** The web console (same server, `GET /`). */
  consoleUrl: string;
  credentials: SandboxCredentials;
  stop(): Promise<void>;
}

/** Sandbox + demo organisation + a driver wired to the bot's webhook, as `npm start` without LARK_APP_ID needs. */
export async function startDemoSandbox(opts: DemoSandboxOptions): Promise<DemoSandbox> {
  const credentials: SandboxCredentials = { ...SANDBOX_CREDENTIALS, ...opts.credentials };
  const org = opts.org ?? demoOrg();
  const sandbox = new LarkSandbox({ appId: credentials.appId, appSecret: credentials.appSecret, org, ...(opts.now ? { now: opts.now } : {}) });
  const { url } = await sandbox.start(opts.port ?? 0, opts.host ?? '127.0.0.1');
  const driver = new LarkDriver({
    eventsUrl: opts.eventsUrl,
    ...(opts.cardsUrl ? { cardsUrl: opts.cardsUrl } : {}),
    appId: credentials.appId,
    tenantKey: org.tenantKey ?? DEMO_TENANT_KEY,
    encryptKey: credentials.encryptKey,
    verificationToken: credentials.verificationToken,
    // Shorter than Lark's 15 s … 6 h so a demo user sees a retried event without waiting hours.
    retrySchedule: opts.retrySchedule ?? [15_000, 60_000],
  });
  sandbox.attachDriver(driver);
  return {
    sandbox,
    driver,
    url,
    consoleUrl: `${url}/`,
    credentials,
    stop: async () => {
      driver.close();
      await sandbox.stop();
    },
  };
}
