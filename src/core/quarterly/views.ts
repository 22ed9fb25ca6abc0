import type { CardJson } from '../ports';

/**
 * View-models of the 季审定 cards, built by the services with every date already formatted, and
 * the port through which the services render them (implemented by src/features/quarterly),
 * so core decides who is told what without knowing card JSON.
 */

export interface MonthLine {
  /** 2026年7月 */
  label: string;
  tier: string;
  /** "92" or "—" */
  score: string;
  comment: string | null;
}

export interface DeterminationRow {
  openId: string;
  name: string;
  score: string;
  proposedTier: string;
  tier: string;
  /** How the proposal was reached (the months and their mean). */
  basis: string;
}

export interface DeterminationView {
  unitId: string;
  unitName: string;
  quarterKey: string;
  quarterLabel: string;
  level: string;
  poolSize: number;
  quota: number;
  /** "12 人 × 40%，向下取整" */
  quotaRule: string;
  /** 国家规定 / 地方通行做法 / 本系统默认 */
  quotaBasis: string;
  goodCount: number;
  rows: DeterminationRow[];
  /** "赵敏（88.5 分）": 好 proposals the quota forces down, lowest first. */
  mustMove: string[];
  /** Still tied at the quota line: a human picks `seats` of them. */
  tie: { names: string[]; seats: number } | null;
  tierOptions: string[];
  /** "孙浩（2026年6月）": months whose grading card is still open; the proposal leaves them out. */
  pending: string[];
  locked: { byName: string; atLabel: string } | null;
  notice: string | null;
  /** The pool's state this card shows (see pool-revision.ts); the buttons carry it back. */
  revision: string;
}

export interface FeedbackView {
  name: string;
  quarterLabel: string;
  level: string;
  tier: string;
  score: string;
  months: MonthLine[];
  /** "10月15日" */
  deadlineLabel: string;
  objectionWorkdays: number;
}

export interface TeamSummaryView {
  quarterLabel: string;
  unitName: string;
  level: string;
  rows: Array<{ name: string; score: string; tier: string }>;
}

export interface ObjectionReviewView {
  objectionId: string;
  name: string;
  unitName: string;
  quarterLabel: string;
  level: string;
  score: string;
  tier: string;
  months: MonthLine[];
  reason: string;
  filedAtLabel: string;
  tierOptions: string[];
  decided: { outcome: string; answer: string; byName: string; atLabel: string } | null;
}

export interface ObjectionOutcomeView {
  name: string;
  quarterLabel: string;
  upheld: boolean;
  oldTier: string;
  newTier: string;
  answer: string;
}


export interface QuarterCards {
  determination(v: DeterminationView): CardJson;
  feedback(v: FeedbackView): CardJson;
  teamSummary(v: TeamSummaryView): CardJson;
  objectionReview(v: ObjectionReviewView): CardJson;
  objectionOutcome(v: ObjectionOutcomeView): CardJson;
}
