import { randomBytes } from 'node:crypto';
import type { ActionDef } from '../../cards/define-action';
import { offeredCommands, type CommandDef } from '../../commands/define-command';
import type { CoreDeps } from '../core/deps';
import { ERROR_PRESENTATION, isDomainError, STALE_CARD } from '../core/errors';
import { findActor } from '../core/org/people.repository';
import type { Person } from '../core/org/person';
import type { CardJson, Messenger, OutMessage } from '../core/ports';
import type { BotContext } from './context';
import type { CardResponse, Inbound } from './inbound';

export interface DispatcherOptions {
  commands: readonly CommandDef[];
  actions: readonly ActionDef[];
  /** Answers to a person's own command: never held for working hours, unlike deps.messenger. */
  replies: Messenger;
  /** The short answer to input the bot does not know (`said`: what was typed, '' for a non-text message). */
  unrecognizedCard: (actor: Person | null, commands: readonly CommandDef[], said: string) => CardJson;
}

const NOT_IN_ORG = '您还不在平时考核名单中。如需参加，请联系本单位考核管理员导入或同步组织信息。';

export function parseCommand(text: string): { name: string; args: string } | null {
  const m = /^[\/／]?(\S+)/.exec(text.trim());
  if (!m) return null;
  const rest = text.trim().slice(m[0].length);
  return { name: m[1]!.toLowerCase(), args: rest.replace(/^\s+/, '').trimEnd() };
}

/** Routes normalised input to the features' commands and card actions, with one error boundary for all of them. */
export class Dispatcher {
  private readonly byName = new Map<string, CommandDef>();
  private readonly byAction = new Map<string, ActionDef>();

  constructor(
    private readonly deps: CoreDeps,
    private readonly opts: DispatcherOptions,
  ) {
    for (const c of opts.commands) {
      for (const n of [c.name, ...c.aliases]) {
        const key = n.toLowerCase();
        if (this.byName.has(key)) throw new Error(`command name registered twice: ${n}`);
        this.byName.set(key, c);
      }
    }
    for (const a of opts.actions) {
      if (this.byAction.has(a.id)) throw new Error(`card action registered twice: ${a.id}`);
      this.byAction.set(a.id, a);
    }
  }

  get commands(): readonly CommandDef[] {
    return this.opts.commands;
  }

  /** Messages, menu taps and other events, processed from the inbox after the ack. */
  async handleEvent(inbound: Inbound): Promise<void> {
    if (inbound.kind === 'message') {
      if (!inbound.addressedToBot || !inbound.openId) return;
      const ctx = await this.context(inbound, inbound.openId);
      const parsed = inbound.supported ? parseCommand(inbound.text) : null;
      const command = parsed ? this.byName.get(parsed.name) : undefined;
      if (!command || !parsed) return this.sendHelp(ctx, inbound.supported ? inbound.text.trim() : '');
      return this.runCommand(ctx, command, parsed.args, inbound.chatType === 'group');
    }
    if (inbound.kind === 'menu') {
      const ctx = await this.context(inbound, inbound.openId);
      const command = this.byName.get(inbound.eventKey.toLowerCase());
      if (!command) return this.sendHelp(ctx, '');
      return this.runCommand(ctx, command, '', false);
    }
  }

  /** Card callbacks: answered synchronously with a toast and/or a replacement card. */
  async handleCard(inbound: Extract<Inbound, { kind: 'card' }>): Promise<CardResponse> {
    const ctx = await this.context(inbound, inbound.openId);
    const key = typeof inbound.value.a === 'string' ? inbound.value.a : '';
    const action = this.byAction.get(key);
    if (!action) return { toast: { type: ERROR_PRESENTATION.STALE.toast, content: `${STALE_CARD}（或发送“帮助”查看可用的命令）。` } };
    if (!ctx.actor?.active) return { toast: { type: 'error', content: NOT_IN_ORG } };
    try {
      return await action.invoke(ctx, { value: inbound.value, form: inbound.form });
    } catch (e) {
      if (isDomainError(e)) return { toast: { type: ERROR_PRESENTATION[e.code].toast, content: e.message } };
      const ref = this.logFailure(e, inbound, key);
      return { toast: { type: 'error', content: `抱歉，处理出错（参考编号 ${ref}），请稍后重试或联系管理员。` } };
    }
  }

  private async runCommand(ctx: BotContext, command: CommandDef, args: string, inGroup: boolean): Promise<void> {
    const answer = command.private && inGroup ? ctx.replyPrivately : ctx.reply;
    const boundCtx: BotContext = { ...ctx, reply: answer };
    try {
      if (!command.public && !ctx.actor?.active) return await ctx.reply({ kind: 'text', text: NOT_IN_ORG });
      if (command.roles && !command.roles.some((r) => ctx.actor!.roles.includes(r))) {
        return await ctx.reply({ kind: 'text', text: `“${command.aliases[0] ?? command.name}”仅限${command.roles.map(roleName).join('、')}使用。` });
      }
      if (command.private && inGroup) await ctx.reply({ kind: 'text', text: '结果涉及个人信息，已通过私聊发给您。' });
      await command.run(boundCtx, args);
    } catch (e) {
      if (isDomainError(e)) return void (await answer({ kind: 'text', text: e.message }));
      const ref = this.logFailure(e, ctx.inbound, command.name);
      await answer({ kind: 'text', text: `抱歉，处理“${command.aliases[0] ?? command.name}”时出错（参考编号 ${ref}）。请稍后重试，或把编号告诉管理员。` });
    }
  }

  private async sendHelp(ctx: BotContext, unrecognized: string): Promise<void> {
    await ctx.reply({ kind: 'card', card: this.opts.unrecognizedCard(ctx.actor, offeredCommands(this.opts.commands, this.deps.rules), unrecognized) });
  }

  private logFailure(e: unknown, inbound: Inbound, where: string): string {
    const ref = randomBytes(4).toString('hex').toUpperCase();
    this.deps.log.error({ err: e, ref, where, eventId: inbound.eventId }, 'handler failed');
    return ref;
  }

  private async context(inbound: Inbound, openId: string): Promise<BotContext> {
    const actor = (await findActor(this.deps.db, openId)) ?? null;
    let n = 0;
    const key = () => `reply:${inbound.eventId}:${n++}`;
    const replyPrivately = (message: OutMessage) => this.opts.replies.send({ type: 'open_id', id: openId }, message, key());
    const reply = (message: OutMessage) =>
      inbound.kind === 'message' && inbound.chatType === 'group'
        ? this.opts.replies.reply(inbound.messageId, message, key())
        : replyPrivately(message);
    return { deps: this.deps, inbound, openId, actor, reply, replyPrivately };
  }
}

function roleName(r: string): string {
  return { staff: '工作人员', supervisor: '主管领导', unit_admin: '考核管理员', admin: '管理员' }[r] ?? r;
}
