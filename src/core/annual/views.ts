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
    honourLoss: string | null;
  };
}
