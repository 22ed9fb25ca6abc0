import type { Rules } from '../rules/rules';
import { formatHours, fromCenti, parseDecimalCenti } from './hours';

export type HoursInput = { ok: true; hours: number } | { ok: false; reason: string };

/**
 * Reads the `hours` cell of an import row or a staff claim.
 *
 * Accepted forms: `16`, `2.5`, `16学时` / `16小时` / `16h` (hours), and `2天` / `0.5天` / `2日`
 * (days, converted with `training.hours_per_day`, 8 by default, so `2天` is 16 学时). Full-width
 * digits are folded first because Chinese spreadsheets often contain them.
 * The result must be > 0, at most `training.max_hours_per_record`, and have at most two decimals
 * (after conversion from days too).
 */
export function parseTrainingHours(text: string, training: Rules['training']): HoursInput {
  const raw = text.normalize('NFKC').trim();
  if (raw === '') return refuse('未填写');
  const match = /^(.*?)\s*(天|日|学时|小时|h)?$/i.exec(raw);
  const numberText = match?.[1] ?? raw;
  const isDays = match?.[2] === '天' || match?.[2] === '日';

  const parsed = parseDecimalCenti(numberText);
  if (!parsed.ok) {
    return parsed.problem === 'too_many_decimals'
      ? refuse(`“${raw}” 最多保留两位小数`)
      : refuse(`“${raw}” 不是正数，应写成学时数（如 16）或天数（如 2天）`);
  }

  let centi = parsed.centi;
  if (isDays) {
    const exact = parsed.centi * training.hours_per_day;
    centi = Math.round(exact);
    if (Math.abs(exact - centi) > 1e-6) {
      return refuse(`“${raw}” 按每天 ${training.hours_per_day} 学时折算后超过两位小数`);
    }
  }

  if (centi <= 0) return refuse(`“${raw}” 须大于 0`);
  const hours = fromCenti(centi);
  if (hours > training.max_hours_per_record) {
    return refuse(
      `“${raw}”${isDays ? `（折合 ${formatHours(hours)} 学时）` : ''} 超过单条上限 ${training.max_hours_per_record} 学时`,
    );
  }
  return { ok: true, hours };
}

function refuse(detail: string): HoursInput {
  return { ok: false, reason: `学时不合理：${detail}` };
}
