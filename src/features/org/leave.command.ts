import { forbidden, invalidInput, notFound } from '../../core/errors';
import { findPeopleByName } from '../../core/org/people.repository';
import { hasRole } from '../../core/org/person';
import { DEFAULT_LEAVE_KIND, addLeave, leaveProblem } from '../../core/org/leave.service';
import { defineCommand } from '../../../commands/define-command';

const USAGE = '请假 张三 2026-11-16 2026-11-20 年休假';

export default defineCommand({
  name: 'leave',
  aliases: ['请假'],
  describe: '登记人员请假（请假期间不提醒、不计未交周记）；考核管理员登记本单位人员。批量登记请用 import leave 文件',
  usage: USAGE,
  roles: ['unit_admin', 'admin'],
  async run(ctx, args) {
    const { deps } = ctx;
    const actor = ctx.actor!;
    const [name, start, end, ...rest] = args.trim().split(/\s+/);
    if (!name || !start || !end) throw invalidInput(`用法：${USAGE}（姓名、开始日期、结束日期，事由可不填）。`);
    const candidates = await findPeopleByName(deps.db, name);
    if (candidates.length === 0) throw notFound(`找不到名为“${name}”的在职人员，请核对姓名。`);
    const mine = hasRole(actor, 'admin') ? candidates : candidates.filter((p) => p.unitId === actor.unitId);
    if (mine.length === 0) throw forbidden(`${name}不在您所在单位，请由其所在单位的考核管理员登记。`);
    if (mine.length > 1) throw invalidInput(`有 ${mine.length} 位名为“${name}”的人员，无法区分。请用 import leave 文件按 open_id 登记。`);
    const person = mine[0]!;
    const note = rest.join(' ') || null;
    const input = { openId: person.openId, startDate: start, endDate: end, kind: DEFAULT_LEAVE_KIND, note };
    const problem = await leaveProblem(deps.db, input);
    if (problem) throw invalidInput(`${problem}用法：${USAGE}`);
    const added = await deps.db.transaction().execute((trx) => addLeave(trx, deps.clock, ctx.openId, input));
    await ctx.reply({
      kind: 'text',
      text: added
        ? `已登记：${person.name} ${start} 至 ${end} 请假${note ? `（${note}）` : ''}。整周请假的周次不再提醒，也不计为未交周记。`
        : `${person.name} ${start} 至 ${end} 的请假此前已登记，未重复添加。`,
    });
  },
});
