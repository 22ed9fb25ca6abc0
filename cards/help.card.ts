import type { CommandDef } from '../commands/define-command';
import type { Person } from '../src/core/org/person';
import type { CardJson } from '../src/core/ports';
import { card, hr, md, note } from './components';

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

export const renderHelp = (actor: Person | null, commands: readonly CommandDef[], rules?: readonly string[]): CardJson => helpCard(helpView(actor, commands, rules));
