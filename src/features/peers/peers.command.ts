import { defineCommand } from '../../../commands/define-command';
import { openPeerForms } from '../../core/peers/peer-answer.service';
import { peersOnAnywhere } from '../../core/peers/voices.repository';
import { peerFormCard } from './peer-form.card';

/** /民主测评: the caller's rating cards still to answer in the open round. */
export default defineCommand({
  name: 'peers',
  aliases: ['民主测评'],
  describe: '打开尚未完成的民主测评卡片',
  roles: ['staff'],
  private: true,
  offered: peersOnAnywhere,
  async run(ctx) {
    const actor = ctx.actor;
    if (!actor) return;
    const { quarterKey, forms } = await openPeerForms(ctx.deps, actor);
    if (!quarterKey) return ctx.reply({ kind: 'text', text: '当前没有进行中的民主测评。' });
    if (forms.length === 0) return ctx.reply({ kind: 'text', text: '您已完成本轮民主测评，或所在单位未开展民主测评。' });
    for (const f of forms) await ctx.reply({ kind: 'card', card: peerFormCard(f) });
  },
});
