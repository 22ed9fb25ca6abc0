import type { CommandDef } from '../commands/define-command';
import type { Person } from '../src/core/org/person';
import type { CardJson } from '../src/core/ports';
import { card, escapeMd, hr, md, note } from './components';

export interface HelpView {
  name: string | null;
  inOrg: boolean;
  commands: Array<{ label: string; english: string; describe: string; usage?: string }>;
  /** The rules that decide tiers, each with its basis (shown to people in the organisation). */
  rules?: string[];
}

export function helpView(actor: Person | null, commands: readonly CommandDef[], rules?: readonly string[]): HelpView {
  const visible = commands.filter((c) => c.public || (actor?.active && (!c.roles || c.roles.some((r) => actor.roles.includes(r)))));
  return {
    name: actor?.name ?? null,
    inOrg: Boolean(actor?.active),
    commands: visible.map((c) => ({ label: c.aliases[0] ?? c.name, english: c.name, describe: c.describe, ...(c.usage ? { usage: c.usage } : {}) })),
    ...(rules && actor?.active ? { rules: [...rules] } : {}),
  };
}

/**
 * What someone who typed something the bot does not know gets: one line saying so and the commands
 * they may use, by name only — the full help is one word away.
 */
export function unrecognizedCard(v: HelpView, said: string): CardJson {
  const shown = said.length > 20 ? `${said.slice(0, 20)}…` : said;
  const what = shown ? `“${escapeMd(shown)}”` : '这条消息';
  return card({
    title: '平时考核助手',
    template: 'grey',
    elements: [
      md(`没有识别${what}。${v.inOrg ? '您可以发送：' : ''}${v.inOrg ? v.commands.map((c) => `/${c.label}`).join('　') : ''}`),
      note(v.inOrg ? '发送“帮助”查看每个命令的说明和示例。' : '您还不在考核名单中，如需参加请联系本单位考核管理员。'),
    ],
  });
}

export function helpCard(v: HelpView): CardJson {
  const lines = v.commands.map((c) => `- **/${c.label}**（/${c.english}）${c.describe}${c.usage ? `\n  例：\`${c.usage}\`` : ''}`);
  return card({
    title: '平时考核助手 · 使用帮助',
    template: 'blue',
    elements: [
      md(v.name ? `${v.name}，您好！您可以发送以下命令（斜杠可省略，中英文均可）：` : '您好！您可以发送以下命令（斜杠可省略，中英文均可）：'),
      md(lines.join('\n')),
      ...(v.rules?.length ? [hr(), md(`**主要考核规则**\n${v.rules.map((r) => `- ${r}`).join('\n')}`)] : []),
      hr(),
      note(v.inOrg ? '个人等次与分数仅本人、主管领导和考核管理员可见。' : '您还不在考核名单中，如需参加请联系本单位考核管理员。'),
    ],
  });
}

/** What unknown input gets: the short card for `said`, with the commands the caller may use. */
export const renderUnrecognized = (actor: Person | null, commands: readonly CommandDef[], said: string): CardJson => unrecognizedCard(helpView(actor, commands), said);
