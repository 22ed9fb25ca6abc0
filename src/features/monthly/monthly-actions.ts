import { z } from 'zod';
import { defineAction, formText, revision } from '../../../cards/define-action';
import type { GradeFormText } from '../../core/monthly/grade-form';

/** What the monthly grading cards' buttons carry: the review and the revision the card was built from. */

const review = z.object({ id: z.string().min(1), rev: revision() });
const REOPEN = '发送“评鉴”获取最新的评鉴卡片';

const gradeForm = z
  .object({
    work: formText(),
    conduct: formText(),
    bonuses: formText(),
    deductions: formText(),
    tier: formText(),
    override_reason: formText(),
    comment: formText(),
  })
  .transform(({ override_reason, ...rest }): GradeFormText => ({ ...rest, overrideReason: override_reason }));

/** 提交评鉴 / 提交重新评定; a card older than the stored grade is refused as stale. */
export const monthlySubmit = defineAction({ id: 'monthly.submit', value: review, form: gradeForm, reopen: REOPEN });

/** 重新评定 on the result card: opens the form with the grade as it is stored now. */
export const monthlyRegrade = defineAction({ id: 'monthly.regrade', value: review, reopen: REOPEN });
