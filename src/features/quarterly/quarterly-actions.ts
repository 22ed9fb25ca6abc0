import { z } from 'zod';
import { defineAction, dynamicForm, formText } from '../../../cards/define-action';

/** What the 季审定 cards' buttons carry; the services re-load everything they name. */

/** One page of one same-level pool of a scope (organ or 处室) and the state (page revision) it showed. */
const page = z.object({
  scope: z.string().min(1),
  quarter: z.string().regex(/^\d{4}-Q[1-4]$/),
  pool: z.string().min(1).max(20),
  page: z.number().int().min(1).max(1000),
  rev: z.string().min(1),
});
const REOPEN_POOL = '发送“审定”获取最新的审定卡片';

export const quarterlySave = defineAction({ id: 'quarterly.save', value: page, form: dynamicForm(), reopen: REOPEN_POOL });
export const quarterlyConfirm = defineAction({ id: 'quarterly.confirm', value: page, form: dynamicForm(), reopen: REOPEN_POOL });

/** An objection is decided once: its open state is its revision, re-checked by the service. */
const objection = z.object({ id: z.string().min(1) });
/** A multi-select arrives as a list of values (one value alone from some clients). */
const chosenList = z
  .union([z.array(z.string()), z.string().transform((v) => (v ? [v] : [])), z.null().transform(() => [])])
  .optional()
  .transform((v) => v ?? []);
const answerForm = z.object({ answer: formText(), tier: formText(), swap: chosenList });
const REOPEN_OBJECTION = '请在最新的异议处理卡片上操作';

export const objectionUphold = defineAction({ id: 'quarterly.objection-uphold', value: objection, form: answerForm, reopen: REOPEN_OBJECTION });
export const objectionReject = defineAction({ id: 'quarterly.objection-reject', value: objection, form: answerForm, reopen: REOPEN_OBJECTION });
