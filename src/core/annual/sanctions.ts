import { SANCTION_KINDS, type SanctionKind } from '../rules/terms';
import { isValidDate } from '../calendar/periods';

/** `import sanctions` columns (CONTRACT.md). */
export const SANCTION_COLUMNS = ['open_id', 'kind', 'start_date', 'end_date', 'note'] as const;

/** A sanction and its 影响期 (both ends inclusive). */
export interface Sanction {
  openId: string;
  kind: SanctionKind;
  startDate: string;
  endDate: string;
  note: string | null;
}

const isKind = (k: string): k is SanctionKind => (SANCTION_KINDS as readonly string[]).includes(k);

/** Checks one row; every problem of the row is reported, joined by `；`. */
export function validateSanctionRow(values: Record<string, string>, knownPerson: (openId: string) => boolean): { ok: true; sanction: Sanction } | { ok: false; reason: string } {
  const cell = (c: string) => (values[c] ?? '').normalize('NFKC').trim();
  const reasons: string[] = [];
  const openId = cell('open_id');
  if (!openId) reasons.push('缺少人员 open_id');
  else if (!knownPerson(openId)) reasons.push(`人员 open_id 不在组织名单中：${openId}`);
  const kind = cell('kind');
  if (!isKind(kind)) reasons.push(`类型“${kind}”无效，应为 ${SANCTION_KINDS.join('、')} 之一`);
  const start = cell('start_date');
  const end = cell('end_date');
  if (!isValidDate(start)) reasons.push(`影响期开始日期“${start}”无效，应为 YYYY-MM-DD`);
  if (!isValidDate(end)) reasons.push(`影响期结束日期“${end}”无效，应为 YYYY-MM-DD`);
  if (isValidDate(start) && isValidDate(end) && end < start) reasons.push(`影响期结束日期 ${end} 早于开始日期 ${start}`);
  const note = (values.note ?? '').trim();
  if (note.length > 200) reasons.push('备注不超过 200 字');
  if (reasons.length > 0 || !isKind(kind)) return { ok: false, reason: reasons.join('；') };
  return { ok: true, sanction: { openId, kind, startDate: start, endDate: end, note: note || null } };
}

/** Whether the 影响期 overlaps the year. */
export const overlapsYear = (s: Pick<Sanction, 'startDate' | 'endDate'>, year: string): boolean => s.startDate <= `${year}-12-31` && s.endDate >= `${year}-01-01`;
