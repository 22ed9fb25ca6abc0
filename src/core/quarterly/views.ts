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
  /** The person's own 处室. */
  unitName: string;
  score: string;
  proposedTier: string;
  tier: string;
  /** How the proposal was reached (the months, caps, too few months). */
  basis: string;
  /** Their submitted 个人小结 in full (the card shows as much as its size allows); null: none. */
  summary?: string | null;
}

export interface DeterminationView {
  /** The organ (or, by rule, the 处室) the quota is counted over. */
  scopeId: string;
  scopeName: string;
  quarterKey: string;
  quarterLabel: string;
  /** The 同级同台 pool. */
  pool: string;
  /** 1-based; a large pool is split over several cards. */
  page: number;
  pages: number;
  poolSize: number;
  /** People of the pool not 不定等次 (the pool's part of the quota base). */
  rated: number;
  /** The pool's seats. */
  quota: number;
  /** How the seats were reached over the scope. */
  quotaRule: string;
  /** 国家规定 / 地方通行做法 / 本系统默认 */
  quotaBasis: string;
  /** The pool's 好 now, every page. */
  goodCount: number;
  /** Rules that decided someone's proposal in this pool, each with its basis. */
  ruleNotes: string[];
  /** This page's people, highest score first. */
  rows: DeterminationRow[];
  /** 好 proposals the seats force down: how many in the pool, and "赵敏（88.5 分）" of those on this page. */
  mustMove: { count: number; names: string[] };
  /** Still tied at the quota line (names on this page): a human picks `seats` of the `count`. */
  tie: { count: number; names: string[]; seats: number } | null;
  tierOptions: string[];
  /** "孙浩（2026年6月）": months whose grading card is still open; the proposal leaves them out. */
  pending: string[];
  /** Determiners whose own result is in this pool, and who has confirmed the pool as it stands. */
  recusal: { members: string[]; confirmedBy: string[] } | null;
  locked: { byName: string; atLabel: string; countersignedBy: string | null } | null;
  notice: string | null;
  /** This page's state (see pool-revision.ts); the buttons carry it back. */
  revision: string;
  /** 个人小结 of the pool: how many of its people submitted one for the period shown. */
  summaries?: { periodLabel: string; submitted: number; total: number };
}

/** To a 处室 supervisor: the proposals of their direct reports (read-only, before determination). */
export interface TeamProposalView {
  quarterLabel: string;
  rows: Array<{ name: string; pool: string; score: string; proposedTier: string; tier: string; status: string }>;
  /** When the list is split over several cards: this card's place and the whole list's length. */
  part?: { index: number; count: number; total: number } | null;
}

export interface FeedbackView {
  name: string;
  quarterLabel: string;
  level: string;
  tier: string;
  score: string;
  /** How a composed score was formed (领导评鉴, 民主测评, 服务对象评价); absent when it is the months' mean. */
  composition?: string | null;
  months: MonthLine[];
  /** Why the quarter is 不定等次, in words for the person (only when it is). */
  undeterminedReason?: string;
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
  /** The pool's seats and 好: when full, upholding a 好 needs others moved to 较好 in the same correction. */
  seats: number;
  goodCount: number;
  /** The pool's lowest-scoring 好 (the objector aside), lowest first, to move to 较好 with an upheld 好. */
  swapCandidates: Array<{ openId: string; label: string }>;
  decided: { outcome: string; answer: string; byName: string; atLabel: string } | null;
}

/** To someone moved by another person's upheld objection (a swap). */
export interface CorrectionNoticeView {
  name: string;
  quarterLabel: string;
  oldTier: string;
  newTier: string;
  reason: string;
  /** "7月22日" */
  deadlineLabel: string;
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
  correctionNotice(v: CorrectionNoticeView): CardJson;
}
