import { z } from 'zod';
import { defineAction, formText, revision } from '../../../cards/define-action';

/** What the weekly cards' buttons carry, written once for the card builders and the handlers. */

const week = z.string().regex(/^\d{4}-W\d{2}$/);
const REOPEN_FORM = '发送“周记”打开最新的填写卡片';
const REOPEN_REVIEW = '请在最新的周记卡片上操作';

/** 提交周记: the week, and the record's revision when the form was built (0: none yet). */
export const weeklySubmit = defineAction({
  id: 'weekly.submit',
  value: z.object({ week, rev: revision() }),
  form: z.object({ done: formText(), plan: formText(), bonus: formText() }),
  reopen: REOPEN_FORM,
});

/** 修改周记: reopens the clicker's own record for that week, so no revision is needed. */
export const weeklyEdit = defineAction({ id: 'weekly.edit', value: z.object({ week }), reopen: REOPEN_FORM });

const reviewValue = z.object({ id: z.string().min(1), rev: revision() });
const reviewForm = z.object({ comment: formText() });

export const weeklyConfirm = defineAction({ id: 'weekly.confirm', value: reviewValue, form: reviewForm, reopen: REOPEN_REVIEW });
export const weeklyReturn = defineAction({ id: 'weekly.return', value: reviewValue, form: reviewForm, reopen: REOPEN_REVIEW });

/** 提醒未交: whom to remind is worked out from the clicker, the card only names the week. */
export const weeklyRemind = defineAction({ id: 'weekly.remind', value: z.object({ week }), reopen: '发送“团队”查看本周情况' });
