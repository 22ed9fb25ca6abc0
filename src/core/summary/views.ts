/** What the 个人小结 cards show; built by the service, rendered by src/features/summary. */

export type SummaryPurpose = 'prompt' | 'reminder' | 'form';

export interface SummaryFormVm {
  periodKey: string;
  periodLabel: string;
  purpose: SummaryPurpose;
  /** What the input starts with: the draft, the submitted text, the rejected input, or the prefill. */
  text: string;
  source: 'draft' | 'submitted' | 'input' | 'prefill';
  submittedAtLabel: string | null;
  draftSavedAtLabel: string | null;
  /** Null while the next year's holiday schedule is unknown. */
  dueLabel: string | null;
  /** Past the due time and not submitted: a submission now is late (still accepted). */
  late: boolean;
  /** Submitted and past due: read-only. */
  locked: boolean;
  maxChars: number;
  records: { weeks: number; written: number; bonusClaims: number };
  /** ✅ what just happened, or ⚠️ why the click was refused (the text is kept). */
  notice: { kind: 'ok' | 'error'; text: string } | null;
}

/** Someone's summary as a supervisor or admin sees it (`小结 姓名`); drafts are never shown. */
export interface SummaryReadVm {
  name: string;
  unitName: string;
  periodLabel: string;
  content: string | null;
  submittedAtLabel: string | null;
}

/** The excerpt on a grading or determination card. */
export interface SummaryExcerpt {
  periodLabel: string;
  /** Null: not submitted (yet). */
  text: string | null;
  chars: number;
  submittedAtLabel: string | null;
}
