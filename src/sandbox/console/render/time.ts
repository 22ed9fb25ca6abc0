/** Times as the console shows them: Asia/Shanghai wall time, in Chinese, whatever the browser's zone. */

const WEEKDAYS = ['周日', '周一', '周二', '周三', '周四', '周五', '周六'];
const SHANGHAI_MS = 8 * 3600_000;

function parts(ms: number) {
  const d = new Date(ms + SHANGHAI_MS);
  return { y: d.getUTCFullYear(), m: d.getUTCMonth() + 1, day: d.getUTCDate(), w: d.getUTCDay(), hh: d.getUTCHours(), mm: d.getUTCMinutes() };
}

const pad = (n: number) => String(n).padStart(2, '0');

/** 6月12日 周五 15:00 */
export function formatDayTime(ms: number): string {
  const p = parts(ms);
  return `${p.m}月${p.day}日 ${WEEKDAYS[p.w]} ${pad(p.hh)}:${pad(p.mm)}`;
}

/** 2026年6月12日 周五 15:00 */
export function formatFullTime(ms: number): string {
  return `${parts(ms).y}年${formatDayTime(ms)}`;
}

/** The value of an <input type="datetime-local"> showing `ms` in Shanghai time. */
export function toLocalInput(ms: number): string {
  const p = parts(ms);
  return `${p.y}-${pad(p.m)}-${pad(p.day)}T${pad(p.hh)}:${pad(p.mm)}`;
}

/** An ISO instant from a datetime-local value read as Shanghai time. */
export function fromLocalInput(value: string): string {
  return `${value.length === 16 ? `${value}:00` : value}+08:00`;
}
