import { z } from 'zod';
import { defineAction, formText } from '../../../cards/define-action';

/**
 * What the 个人小结 card's buttons carry: only the period. Whose summary it is comes from the
 * clicker, never from the card, so a forwarded card can only ever touch the clicker's own.
 */
const period = z.string().regex(/^\d{4}-(Q[1-4]|\d{2})$/);
const REOPEN = '发送“小结”打开最新的填写卡片';
const form = z.object({ summary: formText() });

export const summarySave = defineAction({ id: 'summary.save', value: z.object({ period }), form, reopen: REOPEN });
export const summarySubmit = defineAction({ id: 'summary.submit', value: z.object({ period }), form, reopen: REOPEN });
