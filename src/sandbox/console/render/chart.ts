import { esc, isObject } from './html';

interface Datum {
  label: string;
  value: number;
}

/**
 * Feishu's `chart` (a VChart spec): a bar chart is drawn as horizontal bars; any other kind (line,
 * pie, …) is shown as its data in a small table, with the title either way.
 */
export function renderChart(e: Record<string, unknown>): string {
  const spec = isObject(e.chart_spec) ? e.chart_spec : {};
  const title = isObject(spec.title) && typeof spec.title.text === 'string' ? spec.title.text : '';
  const data = chartData(spec);
  const head = `<div class="c-chart-title">${esc(title || '图表')}</div>`;
  if (data.length === 0) return `<div class="c-chart">${head}<div class="c-chart-empty">（图表没有数据）</div></div>`;
  if (spec.type === 'bar' || spec.type === 'histogram') {
    const max = Math.max(...data.map((d) => d.value), 0) || 1;
    const bars = data
      .map((d) => {
        const pct = Math.max(0, (d.value / max) * 100).toFixed(1);
        return `<div class="c-bar"><span class="c-bar-label">${esc(d.label)}</span><span class="c-bar-track"><span class="c-bar-fill" style="width:${pct}%"></span></span><span class="c-bar-value">${esc(formatValue(d.value))}</span></div>`;
      })
      .join('');
    return `<div class="c-chart" role="img" aria-label="${esc(title)}">${head}${bars}</div>`;
  }
  const total = data.reduce((s, d) => s + d.value, 0);
  const rows = data
    .map((d) => `<tr><td>${esc(d.label)}</td><td class="c-align-right">${esc(formatValue(d.value))}${spec.type === 'pie' && total ? `（${Math.round((d.value / total) * 100)}%）` : ''}</td></tr>`)
    .join('');
  return `<div class="c-chart">${head}<div class="c-table"><table><tbody>${rows}</tbody></table></div></div>`;
}

/** The rows of a spec: `data.values` or `data[].values`, labelled by the category field (and series). */
function chartData(spec: Record<string, unknown>): Datum[] {
  const sets = Array.isArray(spec.data) ? spec.data : [spec.data];
  const values = sets.flatMap((s) => (isObject(s) && Array.isArray(s.values) ? s.values.filter(isObject) : []));
  const first = (f: unknown): string | undefined => (Array.isArray(f) ? (f[0] as string | undefined) : typeof f === 'string' ? f : undefined);
  const horizontal = spec.direction === 'horizontal';
  const category = first(spec.categoryField) ?? first(horizontal ? spec.yField : spec.xField);
  const value = first(spec.valueField) ?? first(horizontal ? spec.xField : spec.yField);
  const series = first(spec.seriesField);
  if (!category || !value) return [];
  return values.map((v) => ({
    label: [v[category], series && series !== category ? v[series] : undefined].filter((x) => x !== undefined && x !== '').join(' · '),
    value: Number(v[value]) || 0,
  }));
}

const formatValue = (n: number) => (Number.isInteger(n) ? String(n) : n.toFixed(2).replace(/0+$/, '').replace(/\.$/, ''));
