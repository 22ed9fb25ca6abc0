import { submitPeerAnswers } from '../../core/peers/peer-answer.service';
import { peerDoneCard } from './peer-form.card';
import { peerSubmit } from './peers-actions';

/** 提交测评: counts the page's answers anonymously and swaps the form for a thank-you. */
export default peerSubmit.handle(async (ctx, { value, form }) => {
  const done = await submitPeerAnswers(ctx.deps, ctx.actor, { quarterKey: value.q, page: value.p, roster: value.r }, form);
  const toast = done.counted > 0 ? ({ type: 'success', content: `已提交 ${done.counted} 位同事的测评` } as const) : ({ type: 'info', content: '已测评，无需重复提交' } as const);
  return { toast, card: { type: 'raw', data: peerDoneCard(done) } };
});
