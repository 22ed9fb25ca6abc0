import { describeApplyResult, applyOrgSnapshot } from '../../core/org/org.service';
import { snapshotFromDirectory } from '../../core/org/org-snapshot';
import { defineCommand } from '../../../commands/define-command';

export default defineCommand({
  name: 'sync',
  aliases: ['同步'],
  describe: '从飞书通讯录同步组织架构与人员',
  roles: ['admin', 'unit_admin'],
  async run(ctx) {
    const { deps } = ctx;
    await ctx.reply({ kind: 'text', text: '正在从通讯录同步组织信息，请稍候……' });
    const snapshot = await snapshotFromDirectory(deps.directory);
    const result = await applyOrgSnapshot(deps.db, deps.clock, snapshot, { source: 'sync', actor: ctx.openId, deactivate: 'all-missing' });
    await ctx.reply({ kind: 'text', text: `同步完成：${describeApplyResult(result)}` });
  },
});
