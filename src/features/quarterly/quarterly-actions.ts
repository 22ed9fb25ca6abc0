import { z } from 'zod';
import { defineAction, dynamicForm, formText } from '../../../cards/define-action';
import { LEVEL_POOLS } from '../../core/rules/terms';

/** What the 季审定 cards' buttons carry; the services re-load everything they name. */

/** One same-level pool and the state (pool revision) its card showed. */
const pool = z.object({
  unit: z.string().min(1),
  quarter: z.string().regex(/^\d{4}-Q[1-4]$/),
  level: z.enum(LEVEL_POOLS),
  rev: z.string().min(1),
});
const REOPEN_POOL = '发送“审定”获取最新的审定卡片';

export const quarterlySave = defineAction({ id: 'quarterly.save', value: pool, form: dynamicForm(), reopen: REOPEN_POOL });
export const quarterlyConfirm = defineAction({ id: 'quarterly.confirm', value: pool, form: dynamicForm(), reopen: REOPEN_POOL });

/** An objection is decided once: its open state is its revision, re-checked by the service. */
const objection = z.object({ id: z.string().min(1) });
const answerForm = z.object({ answer: formText(), tier: formText() });
const REOPEN_OBJECTION = '请在最新的异议处理卡片上操作';

export const objectionUphold = defineAction({ id: 'quarterly.objection-uphold', value: objection, form: answerForm, reopen: REOPEN_OBJECTION });
export const objectionReject = defineAction({ id: 'quarterly.objection-reject', value: objection, form: answerForm, reopen: REOPEN_OBJECTION });
