import { UNIT_RANKING_COLUMNS, unitRankingRecords } from '../../core/ranking/query.service';
import { defineLedger } from '../../exports/ledger';

/** `export unit-ranking --period KEY`: the published ranking of a month, quarter or half, in rank order. */
export default defineLedger({
  name: 'unit-ranking',
  describe: '单位评优评差排名台账',
  periodKind: ['month', 'quarter', 'half'],
  columns: UNIT_RANKING_COLUMNS,
  rows: (deps, periodKey) => unitRankingRecords(deps, periodKey),
});
