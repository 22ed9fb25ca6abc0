import { invalidInput } from '../../core/errors';

/** Button values and form fields come back from the client as typed; only shapes are checked here. */

export function stringField(source: Record<string, unknown> | null | undefined, name: string): string {
  const v = source?.[name];
  return typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '';
}

export function weekOf(value: Record<string, unknown>): string {
  const w = stringField(value, 'w');
  if (!/^\d{4}-W\d{2}$/.test(w)) throw invalidInput('卡片信息不完整，请发送“周记”重新打开填写卡片。');
  return w;
}

export function revisionOf(value: Record<string, unknown>): number {
  const r = Number(stringField(value, 'r'));
  if (!Number.isInteger(r) || r < 1) throw invalidInput('卡片信息不完整，请在最新的周记卡片上操作。');
  return r;
}
