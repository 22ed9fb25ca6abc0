import { fileObjection } from '../../core/quarterly/objection-filing.service';
import { defineCommand } from '../../../commands/define-command';

export default defineCommand({
  name: 'appeal',
  aliases: ['异议'],
  describe: '对最近一次季度审定结果提出异议（反馈后规定期限内）',
  usage: '异议 本季度我牵头完成了……，请求复核',
  roles: ['staff'],
  private: true,
  async run(ctx, args) {
    const filed = await fileObjection(ctx.deps, ctx.actor!, args);
    const who =
      filed.handlers > 0
        ? '已转本单位考核管理员处理，处理结果会私信告知您'
        : '但本单位暂未设置考核管理员，请同时直接联系人事部门';
    await ctx.reply({ kind: 'text', text: `您对${filed.quarterLabel}平时考核结果（${filed.tier}）的异议已提交，${who}。` });
  },
});
