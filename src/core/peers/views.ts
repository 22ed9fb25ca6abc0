/** What the 民主测评 cards show; built by core/peers, rendered by features/peers. */

export const REOPEN = '发送“民主测评”获取最新的测评卡片';

/** A select's name: the colleague's position on the page and the item's — never an id. */
export const fieldName = (index: number, item: number) => `r${index}_${item}`;

export interface PeerRateeLine {
  /** Position on the page: the form's field names use it, never an id. */
  index: number;
  name: string;
  unitName: string;
}

export interface PeerFormView {
  quarterKey: string;
  quarterLabel: string;
  raterName: string;
  page: number;
  pages: number;
  /** A fingerprint of the page's list: a card built from another list is refused as stale. */
  roster: string;
  /** The rater has cast this page already. */
  submitted: boolean;
  ratees: PeerRateeLine[];
  items: string[];
  options: Array<{ label: string; value: string }>;
  minAnswers: number;
  /** "7月8日 9:00" */
  deadlineLabel: string;
}

export interface PeerDoneView {
  quarterLabel: string;
  counted: number;
  /** Pages of this rater not cast yet. */
  pagesLeft: number;
}
