import type { CardJson } from '../ports';

/** What the weekly cards show, formatted here so the card builders stay pure. */

export interface WeeklyFormVm {
  weekKey: string;
  weekLabel: string;
  /** form: asked for with /周记; prompt: the Friday job; reminder: the Monday job; nudge: a supervisor's 提醒. */
  purpose: 'form' | 'prompt' | 'reminder' | 'nudge';
  /** `11月20日（周五）18:00`. */
  dueLabel: string;
  /** Submitting now would be past the due time. */
  late: boolean;
  done: string;
  plan: string;
  bonusClaim: string;
  /** 完成工作 was prefilled from last week's 下周计划. */
  prefilledFromPlan: boolean;
  /** A record for the week exists; submitting amends it. */
  amending: boolean;
  /** The supervisor sent the record back with this comment. */
  returnComment: string | null;
  maxChars: number;
  /** The record's revision the form was built from (0: nothing written yet). */
  revision: number;
}

export interface WeeklyReceiptVm {
  weekKey: string;
  weekLabel: string;
  /** 按时提交 / 逾期补交. */
  statusLabel: string;
  late: boolean;
  revision: number;
  /** When this version was saved. */
  savedLabel: string;
  supervisorName: string | null;
  done: string;
  plan: string;
  bonusClaim: string | null;
  /** Nothing differed from the stored record, so nothing was saved. */
  unchanged: boolean;
}

export interface WeeklyReviewVm {
  logId: string;
  revision: number;
  authorName: string;
  unitName: string;
  weekLabel: string;
  /** 按时提交 / 逾期补交. */
  timingLabel: string;
  late: boolean;
  submittedLabel: string;
  /** Set when the record was amended after its first submission. */
  amendedLabel: string | null;
  done: string;
  plan: string;
  bonusClaim: string | null;
  state: 'submitted' | 'confirmed' | 'returned';
  reviewerName: string | null;
  reviewComment: string | null;
  reviewedLabel: string | null;
}

export interface WeeklyReturnedVm {
  weekKey: string;
  weekLabel: string;
  reviewerName: string;
  comment: string;
}

/** The weekly cards core sends by itself (to supervisors and authors, inside the change's transaction). */
export interface WeeklyCards {
  form(v: WeeklyFormVm): CardJson;
  review(v: WeeklyReviewVm): CardJson;
  returned(v: WeeklyReturnedVm): CardJson;
}
