import type { SelfSummaryRow } from '../../db/schema';

/** One person's 个人小结 for one period: a draft kept until submitted, and what was submitted. */
export interface SelfSummary {
  id: string;
  openId: string;
  periodKey: string;
  unitId: string;
  draft: string | null;
  draftSavedAt: string | null;
  content: string | null;
  submittedAt: string | null;
  revision: number;
}

export function selfSummaryRowToSummary(row: SelfSummaryRow): SelfSummary {
  return {
    id: row.id,
    openId: row.open_id,
    periodKey: row.period_key,
    unitId: row.unit_id,
    draft: row.draft,
    draftSavedAt: row.draft_saved_at,
    content: row.content,
    submittedAt: row.submitted_at,
    revision: row.revision,
  };
}

/** Characters as a reader counts them (a Chinese character is one, whatever its UTF-16 length). */
export const charCount = (text: string): number => [...text].length;

/** The first `max` characters on one line, with … when cut: what a card shows of a summary. */
export function excerpt(text: string, max: number): string {
  const flat = text.replace(/\s*\n\s*/g, ' ').trim();
  const chars = [...flat];
  return chars.length <= max ? flat : `${chars.slice(0, Math.max(1, max - 1)).join('')}…`;
}

/** The text in progress: an unsubmitted draft, else what was submitted. */
export const workingText = (s: SelfSummary | null): string | null => s?.draft ?? s?.content ?? null;
