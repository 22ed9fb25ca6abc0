import type { MonthLine } from '../quarterly/views';

/** What /等次 shows: the person's months, quarters and annual 优秀 eligibility. */
export interface TierOverviewView {
  name: string;
  /** false when a supervisor or admin looks at someone else. */
  own: boolean;
  year: string;
  months: MonthLine[];
  quarters: Array<{ label: string; tier: string | null; score: string; corrected: boolean }>;
  annual: {
    eligible: boolean;
    goodQuarters: number;
    lowQuarters: number;
    reasons: string[];
    creditsLabel: string;
    /** 缓定: the annual tier waits for the year's training. */
    deferred: boolean;
    honourLoss: string | null;
  };
}

/** The year-end card to an organ's 考核管理员. */
export interface YearEndView {
  organName: string;
  year: string;
  /** People with at least one determined quarter that is not 不定等次. */
  participants: number;
  /** `adjustment`: the organ's 评优评差 class moved the share (with its basis); `reduction`: a training shortfall cut it. */
  ceiling: { count: number; text: string; adjustment?: string; reduction: string | null };
  eligible: Array<{ name: string; unitName: string }>;
  deferred: Array<{ name: string; unitName: string; shortfall: string }>;
  notEligible: number;
  /** Participants with a quarter not yet determined (the list may still change). */
  undetermined: number;
  makeUpUntil: string | null;
}
