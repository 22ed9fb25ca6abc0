import { z } from 'zod';
import { defineAction, formText } from '../../../cards/define-action';

/** What the 学时 cards' buttons carry. */

/** 提交申报: a new record, so only the form matters; a repeat is caught as the same training. */
export const claimSubmit = defineAction({
  id: 'credits.claim-submit',
  value: z.object({}),
  form: z.object({ title: formText(), date: formText(), hours: formText(), kind: formText(), note: formText() }),
  reopen: '发送“学时申报”重新填写',
});

/** A claim is decided once: its pending state is its revision, re-checked by the service. */
const claim = z.object({ id: z.string().min(1) });
const decisionForm = z.object({ reason: formText() });
const REOPEN_DECISION = '请在最新的审核卡片上操作';

export const claimApprove = defineAction({ id: 'credits.claim-approve', value: claim, form: decisionForm, reopen: REOPEN_DECISION });
export const claimReject = defineAction({ id: 'credits.claim-reject', value: claim, form: decisionForm, reopen: REOPEN_DECISION });
