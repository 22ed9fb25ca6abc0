import { BONUS_LABEL, PLAN_LABEL } from './weekly-log';

export interface EntryParts {
  done: string;
  plan: string;
  bonusClaim: string | null;
}

// Both colon widths, since people type either; the marker line's own text after the colon is kept.
const PLAN_MARKER = /^\s*(下周计划|计划)\s*[:：]\s?/;
const BONUS_MARKER = /^\s*(加分事项|加分)\s*[:：]\s?/;

/**
 * Splits a chat entry into its parts. Everything is kept as written; a line starting with
 * `下周计划：` or `计划：` starts the plan, and one starting with `加分事项：` or `加分：` starts the
 * bonus claim. Text before either marker is the 完成工作 part.
 */
export function splitEntry(text: string): EntryParts {
  const parts: Record<'done' | 'plan' | 'bonus', string[]> = { done: [], plan: [], bonus: [] };
  let current: keyof typeof parts = 'done';
  for (const line of text.replace(/\r\n?/g, '\n').split('\n')) {
    if (PLAN_MARKER.test(line)) {
      current = 'plan';
      parts.plan.push(line.replace(PLAN_MARKER, ''));
    } else if (BONUS_MARKER.test(line)) {
      current = 'bonus';
      parts.bonus.push(line.replace(BONUS_MARKER, ''));
    } else {
      parts[current].push(line);
    }
  }
  const join = (lines: string[]) => trimBlankLines(lines).join('\n');
  const bonus = join(parts.bonus);
  return { done: join(parts.done), plan: join(parts.plan), bonusClaim: bonus === '' ? null : bonus };
}

/** Leading and trailing blank lines only: indentation and inner blank lines are the writer's. */
function trimBlankLines(lines: string[]): string[] {
  let a = 0;
  let b = lines.length;
  while (a < b && lines[a]!.trim() === '') a++;
  while (b > a && lines[b - 1]!.trim() === '') b--;
  return lines.slice(a, b).map((l) => l.trimEnd());
}

export const ENTRY_USAGE = `周记 本周完成的工作（可多行）\n${PLAN_LABEL}下周打算做的事\n${BONUS_LABEL}申报的加分事项及理由（可不写）`;
