import { cardOf, buttonValue } from '../helpers/cards';
import { Harness } from '../helpers/harness';
import type { SandboxMessage } from '../../src/sandbox';
import { buildOrg, type SandboxOrg } from '../../src/sandbox';
import { weeklyConfirm, weeklyReturn, weeklySubmit } from '../../src/features/weekly/weekly-actions';

/** One 处室 of five staff under 林主任 (supervisor and the unit's 考核管理员, who writes no weekly record). */
export function weeklyOrg(): SandboxOrg {
  return buildOrg({
    tenantKey: 'weekly_tenant',
    units: [
      {
        id: 'W100',
        name: '综合处',
        leader: { name: '林主任', userId: 'linzhuren', roles: ['supervisor', 'unit_admin'] },
        staff: [
          { name: '陈一', userId: 'chenyi' },
          { name: '李二', userId: 'lier' },
          { name: '张三', userId: 'zhangsan' },
          { name: '王四', userId: 'wangsi' },
          { name: '赵五', userId: 'zhaowu' },
        ],
      },
      {
        id: 'W200',
        name: '法规处',
        leader: { name: '周处长', userId: 'zhouchuzhang', roles: ['supervisor'] },
        staff: [{ name: '钱六', userId: 'qianliu' }],
      },
    ],
  });
}

export const textsOf = (h: Harness, name: string): string[] => h.inbox(name).map((m) => Harness.textOf(m));

/** Submits the weekly form on a card `name` received. */
export function submitForm(h: Harness, name: string, message: SandboxMessage, form: { done: string; plan?: string; bonus?: string }) {
  return h.click(name, message, buttonValue(cardOf(message), weeklySubmit), { done: form.done, plan: form.plan ?? '', bonus: form.bonus ?? '' });
}

/** Clicks 确认 or 退回 on a review card, as `clicker`. */
export function review(h: Harness, clicker: string, message: SandboxMessage, decision: 'confirm' | 'return', comment = '') {
  return h.click(clicker, message, buttonValue(cardOf(message), decision === 'confirm' ? weeklyConfirm : weeklyReturn), { comment });
}

/** Says something at a given Shanghai time. */
export async function sayAt(h: Harness, at: string, name: string, text: string) {
  h.clock.set(at);
  await h.say(name, text);
}

export async function logRow(h: Harness, name: string, weekKey: string) {
  return h.db.selectFrom('weekly_logs').selectAll().where('open_id', '=', h.person(name).open_id).where('week_key', '=', weekKey).executeTakeFirst();
}
