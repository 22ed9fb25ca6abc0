import { randomBytes } from 'node:crypto';
import pino from 'pino';
import { App } from '../../src/app';
import { ManualClock } from '../../src/core/clock';
import type { DeferredCard } from '../../src/core/ports';
import { applyOrgSnapshot } from '../../src/core/org/org.service';
import { ORG_COLUMNS, parseOrgRows } from '../../src/core/org/org-snapshot';
import { parseRules, type RulesInput } from '../../src/core/rules/rules';
import type { CardResponse, Inbound } from '../../src/dispatch/inbound';
import { readTableFromString } from '../../src/io/table-file';
import { demoOrg, orgToCsv, type SandboxOrg } from '../../src/sandbox';
import { createTestStore, testConfig, type TestStore } from './stores';

export interface Queued {
  to: string | null;
  kind: 'text' | 'card';
  /** The text of a text message, the card JSON of a card. */
  content: Record<string, unknown>;
}

/**
 * The fast path beside the HTTP harness: the app without its server, workers or the Lark sandbox.
 * Input goes straight to the dispatcher as the webhook would hand it over; answers are read from
 * the outbox, where they wait unsent. For rules and flows where signing and delivery add nothing.
 */
export class InProcess {
  private constructor(
    readonly app: App,
    readonly clock: ManualClock,
    readonly store: TestStore,
    readonly org: SandboxOrg,
  ) {}

  static async start(opts: { org?: SandboxOrg; now?: string; rules?: RulesInput } = {}): Promise<InProcess> {
    const org = opts.org ?? demoOrg();
    const store = await createTestStore('sqlite');
    const clock = new ManualClock(opts.now ?? '2026-11-20T10:00:00+08:00');
    // Nothing reaches Lark on this path: the outbox is read, never sent.
    const config = testConfig({ appId: 'cli_inprocess', appSecret: 'unused', baseUrl: 'http://127.0.0.1:9', databaseUrl: store.url });
    const app = await App.create({ config, rules: parseRules(opts.rules ?? {}), clock, store, workers: false, log: pino({ level: 'silent' }) });
    const { rows } = await readTableFromString(orgToCsv(org), { columns: ORG_COLUMNS });
    await applyOrgSnapshot(app.deps.db, clock, parseOrgRows(rows).snapshot, { source: 'import', actor: 'test', deactivate: 'missing-in-listed-units' });
    return new InProcess(app, clock, store, org);
  }

  openId(name: string): string {
    const u = this.org.users.find((x) => x.name === name);
    if (!u) throw new Error(`no person named ${name}`);
    return u.open_id;
  }

  /** A p2p text from `name`, dispatched as the inbox worker would. */
  async say(name: string, text: string): Promise<void> {
    const openId = this.openId(name);
    const inbound: Inbound = {
      kind: 'message',
      eventId: `ev_${randomBytes(6).toString('hex')}`,
      createdAtMs: this.clock.now().getTime(),
      openId,
      chatId: `oc_p2p_${openId}`,
      chatType: 'p2p',
      messageId: `om_${randomBytes(6).toString('hex')}`,
      text,
      addressedToBot: true,
      supported: true,
    };
    await this.app.dispatcher.handleEvent(inbound);
  }

  /** A card click by `name` with the button's value and the form's values; the synchronous answer. */
  click(name: string, value: Record<string, unknown>, form: Record<string, unknown> | null = null): Promise<CardResponse> {
    return this.app.dispatcher.handleCard({
      kind: 'card',
      eventId: `ev_${randomBytes(6).toString('hex')}`,
      createdAtMs: this.clock.now().getTime(),
      openId: this.openId(name),
      messageId: null,
      chatId: null,
      value,
      form,
    });
  }

  /** Everything queued for a person so far, oldest first. */
  async queuedFor(name: string): Promise<Queued[]> {
    const rows = await this.app.deps.db.selectFrom('outbox').selectAll().where('receive_id', '=', this.openId(name)).orderBy('created_at').orderBy('id').execute();
    // A deferred card as the worker would build it now.
    const content = async (r: (typeof rows)[number]) => (r.render === null ? (JSON.parse(r.content) as Record<string, unknown>) : await this.app.renderDeferred(JSON.parse(r.render) as DeferredCard));
    return Promise.all(rows.map(async (r) => ({ to: r.receive_id, kind: r.msg_type === 'text' ? 'text' : 'card', content: (await content(r))! })));
  }

  async close(): Promise<void> {
    await this.app.stop();
  }
}
