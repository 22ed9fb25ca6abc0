import pino from 'pino';
import { App } from '../../src/app';
import { parseRules, type RulesInput } from '../../src/core/rules/rules';
import { fixedClock, ManualClock } from '../../src/core/clock';
import type { CoreDeps } from '../../src/core/deps';
import { applyOrgSnapshot } from '../../src/core/org/org.service';
import { ORG_COLUMNS, parseOrgRows } from '../../src/core/org/org-snapshot';
import { readTableFromString } from '../../src/io/table-file';
import { LarkDriver, LarkSandbox, demoOrg, orgToCsv, type LarkDriverOptions, type LarkSandboxOptions, type SandboxMessage, type SandboxOrg } from '../../src/sandbox';
import { createTestStore, testConfig, type TestStore } from './stores';

let appCounter = 0;

export interface HarnessOptions {
  dialect?: 'sqlite' | 'postgres';
  org?: SandboxOrg;
  /** Domain time (Asia/Shanghai instants as ISO strings are easiest: '2026-11-20T15:00:00+08:00'). */
  now?: string;
  rules?: RulesInput;
  /** Import the org into the database before the test (default true). */
  seedOrg?: boolean;
  sqliteFile?: string;
  /** Extra sandbox settings (rate limits, contact range, faults …). */
  sandbox?: Partial<LarkSandboxOptions>;
  /** Extra driver settings (duplicate pushes …). */
  driver?: Partial<LarkDriverOptions>;
}

/**
 * The bot booted on a random port against the Lark sandbox, with the real SDK client, the real webhook
 * and a driver that signs and encrypts events like Lark. Scheduler off; tests run jobs with a clock.
 */
export class Harness {
  private constructor(
    readonly app: App,
    readonly sandbox: LarkSandbox,
    readonly driver: LarkDriver,
    readonly clock: ManualClock,
    readonly store: TestStore,
    readonly org: SandboxOrg,
  ) {}

  static async start(opts: HarnessOptions = {}): Promise<Harness> {
    const org = opts.org ?? demoOrg();
    // Unique per app: the SDK keys its token cache by app id.
    const appId = `cli_${(++appCounter).toString(16).padStart(4, '0')}${Math.random().toString(16).slice(2, 14).padEnd(12, '0')}`;
    const appSecret = 'test-secret';
    const sandbox = new LarkSandbox({ appId, appSecret, org, seed: 42, ...opts.sandbox });
    const { url: baseUrl } = await sandbox.start(0);
    const store = await createTestStore(opts.dialect ?? 'sqlite', opts.sqliteFile ? { file: opts.sqliteFile } : {});
    const clock = new ManualClock(opts.now ?? '2026-11-20T10:00:00+08:00');
    const config = testConfig({ appId, appSecret, baseUrl, databaseUrl: store.url });
    const app = await App.create({ config, rules: parseRules(opts.rules ?? {}), clock, store, log: pino({ level: process.env.TEST_LOG ?? 'silent' }) });
    const url = await app.start(0);
    const driver = new LarkDriver({
      eventsUrl: `${url}/lark/events`,
      cardsUrl: `${url}/lark/cards`,
      appId,
      tenantKey: org.tenantKey ?? 'tenant',
      encryptKey: config.encryptKey,
      verificationToken: config.verificationToken,
      retrySchedule: [],
      ...opts.driver,
    });
    sandbox.attachDriver(driver);
    const h = new Harness(app, sandbox, driver, clock, store, org);
    if (opts.seedOrg ?? true) await h.importOrg(org);
    return h;
  }

  get db() {
    return this.app.deps.db;
  }

  get url() {
    return this.app.url;
  }

  /** The app's deps with the clock stopped at `at`, as a job run sees them. */
  depsAt(at: Date | string): CoreDeps {
    return { ...this.app.deps, clock: fixedClock(new Date(at)) };
  }

  async importOrg(org: SandboxOrg = this.org): Promise<void> {
    const { rows } = await readTableFromString(orgToCsv(org), { columns: ORG_COLUMNS });
    const { snapshot, errors } = parseOrgRows(rows);
    if (errors.length) throw new Error(`org fixture has errors: ${JSON.stringify(errors)}`);
    await applyOrgSnapshot(this.db, this.clock, snapshot, { source: 'import', actor: 'test', deactivate: 'missing-in-listed-units' });
  }

  /** A person of the sandbox org by name. */
  person(name: string) {
    const u = this.org.users.find((x) => x.name === name);
    if (!u) throw new Error(`no person named ${name} in the test org`);
    return u;
  }

  /** Sends a p2p text as `name` and waits until the bot has processed it and sent its answers. */
  async say(name: string, text: string) {
    const res = await this.driver.sendText(this.person(name).open_id, text);
    await this.settle();
    return res;
  }

  /** Clicks a button (or submits a form) on a card the bot sent to `name`; returns the synchronous answer. */
  async click(name: string, message: SandboxMessage, value: Record<string, unknown>, formValue?: Record<string, unknown>) {
    const res = await this.driver.clickCard(this.person(name).open_id, { messageId: message.message_id, value, ...(formValue ? { formValue } : {}) });
    await this.settle();
    return res.body as { toast?: { type: string; content: string }; card?: { type: string; data: Record<string, unknown> } };
  }

  async settle(): Promise<void> {
    await this.app.settle();
  }

  async runJob(name: string, at: string) {
    this.clock.set(at);
    const outcome = await this.app.runJob(name, new Date(at));
    await this.settle();
    return outcome;
  }

  /** Messages the bot sent to a person (p2p) or chat, oldest first. */
  inbox(nameOrChatId: string): SandboxMessage[] {
    const id = this.org.users.find((u) => u.name === nameOrChatId)?.open_id ?? nameOrChatId;
    return this.sandbox.messagesFor(id);
  }

  /** The current card JSON (after patches) of the latest card sent to `name`. */
  lastCard(name: string): { message: SandboxMessage; card: Record<string, unknown> } {
    const cards = this.inbox(name).filter((m) => m.msg_type === 'interactive');
    const message = cards[cards.length - 1];
    if (!message) throw new Error(`${name} has received no card`);
    return { message, card: (message.card ?? message.content) as Record<string, unknown> };
  }

  /** All visible text of a message (text body or the card's markdown/plain_text), for assertions. */
  static textOf(m: SandboxMessage | Record<string, unknown>): string {
    const content = 'msg_type' in m ? ((m as SandboxMessage).card ?? (m as SandboxMessage).content) : m;
    const out: string[] = [];
    const walk = (v: unknown) => {
      if (typeof v === 'string') return;
      if (Array.isArray(v)) return v.forEach(walk);
      if (v && typeof v === 'object') {
        const o = v as Record<string, unknown>;
        if (typeof o.text === 'string') out.push(o.text);
        if (typeof o.content === 'string') out.push(o.content);
        for (const [k, x] of Object.entries(o)) if (k !== 'text' || typeof x !== 'string') walk(x);
      }
    };
    walk(content);
    return out.join('\n');
  }

  async close(): Promise<void> {
    this.driver.close();
    await this.app.stop();
    await this.sandbox.stop();
  }
}
