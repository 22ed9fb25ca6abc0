import { parsePeriodKey } from '../core/calendar/periods';
import { invalidInput } from '../core/errors';
import { writeTable, writeTableToFile, type TableFormat } from '../io/table-writer';
import { ledgerColumns } from '../exports/ledger';
import type { App } from '../app';
import type { Io } from './context';

export async function exportLedger(app: App, what: string, opts: { period?: string; format?: string; out?: string }, io: Io): Promise<void> {
  const ledger = app.ledger(what);
  if (!ledger) {
    const names = app.ledgers.map((l) => l.name).join(', ') || '（暂无）';
    throw invalidInput(`未知的台账 ${what}。可导出：${names}`);
  }
  if (!opts.period) throw invalidInput(`请用 --period 指定期间，例如 --period 2026-W47 / 2026-11 / 2026-Q4 / 2026`);
  const kinds = Array.isArray(ledger.periodKind) ? ledger.periodKind : [ledger.periodKind];
  const period = parsePeriodKey(opts.period);
  if (!kinds.includes(period.kind)) throw invalidInput(`${what} 需要的期间类型是 ${kinds.join('/')}，而 ${opts.period} 是 ${period.kind}`);
  const format = (opts.format ?? (opts.out?.endsWith('.xlsx') ? 'xlsx' : 'csv')) as TableFormat;
  if (format !== 'csv' && format !== 'xlsx') throw invalidInput(`--format 只能是 csv 或 xlsx`);
  if (format === 'xlsx' && !opts.out) throw invalidInput('xlsx 格式请用 --out 指定输出文件');
  const rows = ledger.rows(app.deps, period.key);
  const columns = ledgerColumns(ledger, app.deps.rules);
  const count = opts.out
    ? // A file is for Excel: a BOM so the Chinese reads right; the writer replaces the file atomically.
      await writeTableToFile(opts.out, { columns, rows, format, bom: format === 'csv' })
    : await writeTable({ columns, rows, format, out: io.out });
  if (opts.out) io.err.write(`已导出 ${count} 行到 ${opts.out}\n`);
}
