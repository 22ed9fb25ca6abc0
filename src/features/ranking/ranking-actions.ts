import { z } from 'zod';
import { defineAction, formText, revision } from '../../../cards/define-action';

/** What the 评优评差 review card's buttons carry: the ranking and the revision the card showed. */
const ranking = z.object({ id: z.string().min(1), rev: revision() });
const REOPEN = '发送“排名 审核”获取最新的审核卡片';

export const rankingAdjust = defineAction({
  id: 'ranking.adjust',
  value: ranking,
  form: z.object({ unit: formText(), class: formText(), reason: formText() }),
  reopen: REOPEN,
});
export const rankingRecompute = defineAction({ id: 'ranking.recompute', value: ranking, reopen: REOPEN });
export const rankingPublish = defineAction({ id: 'ranking.publish', value: ranking, reopen: REOPEN });
