import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../db/schema';

type Db = Kysely<Database> | Transaction<Database>;

export interface IndicatorValue {
  unitId: string;
  periodKey: string;
  indicator: string;
  value: number;
}

export async function indicatorValuesOf(db: Db, periodKeys: readonly string[]): Promise<IndicatorValue[]> {
  if (periodKeys.length === 0) return [];
  const rows = await db
    .selectFrom('unit_indicator_values')
    .select(['unit_id', 'period_key', 'indicator', 'value'])
    .where('period_key', 'in', [...periodKeys])
    .orderBy('period_key')
    .orderBy('unit_id')
    .orderBy('indicator')
    .execute();
  return rows.map((r) => ({ unitId: r.unit_id, periodKey: r.period_key, indicator: r.indicator, value: Number(r.value) }));
}

/** Replaces everything stored for the periods with `values` (one import's rows); returns what was there. */
export async function replacePeriods(
  db: Db,
  periodKeys: readonly string[],
  values: readonly IndicatorValue[],
  meta: { importId: string; at: string; newId: () => string },
): Promise<IndicatorValue[]> {
  const before = await indicatorValuesOf(db, periodKeys);
  if (periodKeys.length > 0) await db.deleteFrom('unit_indicator_values').where('period_key', 'in', [...periodKeys]).execute();
  for (let i = 0; i < values.length; i += 500) {
    await db
      .insertInto('unit_indicator_values')
      .values(
        values.slice(i, i + 500).map((v) => ({
          id: meta.newId(),
          unit_id: v.unitId,
          period_key: v.periodKey,
          indicator: v.indicator,
          value: v.value,
          import_id: meta.importId,
          created_at: meta.at,
        })),
      )
      .execute();
  }
  return before;
}
