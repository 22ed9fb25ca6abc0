import { describeApplyResult, previewNotes } from '../../core/org/org-change';
import { changeOrg } from '../../core/org/org-change.service';
import { holdForConfirmation } from '../../core/org/org-hold.service';
import { snapshotFromDirectory } from '../../core/org/directory-snapshot';
import { defineCommand } from '../../../commands/define-command';
import { orgSyncPreviewCard } from './org-change.card';

export default defineCommand({
  name: 'sync',
  aliases: ['同步'],
  describe: '从飞书通讯录同步组织架构与人员（考核管理员同步本单位及下级单位）；停用人数较多时先请您确认',
  roles: ['admin', 'unit_admin'],
  async run(ctx) {
    const { deps } = ctx;
    const actor = ctx.actor!;
    await ctx.reply({ kind: 'text', text: '正在从通讯录同步组织信息，请稍候……' });
    const snapshot = await snapshotFromDirectory(deps.directory);
    const outcome = await changeOrg(deps, snapshot, { source: 'sync', caller: actor, actor: actor.openId, confirmed: false });
    if (outcome.applied) {
      const notes = previewNotes(outcome.preview);
      return ctx.reply({ kind: 'text', text: [`同步完成：${describeApplyResult(outcome.result)}`, ...notes].join('\n') });
    }
    const holdId = await holdForConfirmation(deps, actor, snapshot, outcome.preview);
    await ctx.reply({ kind: 'card', card: orgSyncPreviewCard(outcome.preview, holdId) });
  },
});
