import type { CoreDeps } from '../core/deps';
import type { PeriodKind } from '../core/calendar/periods';
import type { Rules } from '../core/rules/rules';
import type { TableRecord } from '../io/table-writer';

/** One exportable ledger (台账): its CONTRACT.md columns and the rows for a period. */
export interface Ledger {
  name: string;
  describe: string;
  periodKind: PeriodKind | PeriodKind[];
  columns: readonly string[];
  /** Columns the rules add after the contract's (absent: `columns` only). */
  extraColumns?: (rules: Rules) => readonly string[];
  rows(deps: CoreDeps, periodKey: string): AsyncIterable<TableRecord> | Iterable<TableRecord>;
}

export const defineLedger = (l: Ledger): Ledger => l;

/** The header a ledger is exported with under these rules. */
export const ledgerColumns = (l: Ledger, rules: Rules): readonly string[] => [...l.columns, ...(l.extraColumns?.(rules) ?? [])];
