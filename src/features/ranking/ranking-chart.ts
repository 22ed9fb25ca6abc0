import type { Element } from '../../../cards/components';
import type { RowView } from '../../core/ranking/views';

/**
 * A horizontal bar chart of composites (Card JSON 2.0 `chart`, a VChart spec: tag, chart_spec,
 * height, preview — https://open.larkoffice.com/document/feishu-cards/card-json-v2-components/content-components/chart.md).
 * The highlighted unit is its own series, so it gets its own colour. No JavaScript in the spec.
 */
export function rankingChart(rows: readonly RowView[], highlightUnitId: string | null = null): Element | null {
  const bars = rows.filter((r) => r.scoreValue !== null);
  if (bars.length === 0) return null;
  const labels = new Map<string, number>();
  for (const r of bars) labels.set(barLabel(r), (labels.get(barLabel(r)) ?? 0) + 1);
  const values = bars.map((r) => ({
    unit: labels.get(barLabel(r))! > 1 ? `${barLabel(r)}（${r.unitId}）` : barLabel(r),
    score: r.scoreValue,
    ...(highlightUnitId ? { group: r.unitId === highlightUnitId ? '本单位' : '其他单位' } : {}),
  }));
  const highlighted = highlightUnitId !== null && bars.some((r) => r.unitId === highlightUnitId);
  return {
    tag: 'chart',
    height: `${Math.min(999, Math.max(160, 60 + 28 * values.length))}px`,
    chart_spec: {
      type: 'bar',
      direction: 'horizontal',
      data: [{ id: 'ranking', values }],
      xField: 'score',
      yField: 'unit',
      ...(highlighted ? { seriesField: 'group', legends: { visible: true, orient: 'bottom' } } : {}),
      axes: [
        { orient: 'bottom', type: 'linear', min: 0, max: 100 },
        { orient: 'left', type: 'band' },
      ],
      label: { visible: true },
    },
    preview: true,
  };
}

const barLabel = (r: RowView): string => `${r.rank.replace('（并列）', '')}. ${r.unitName}`;
