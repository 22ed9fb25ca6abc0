import { attrs, esc, isObject, textOf } from './html';
import { renderMarkdown } from './markdown';

/** Feishu's table component: a header row, typed cells, and `page_size` rows per page with a pager. */
export function renderTable(e: Record<string, unknown>): string {
  const columns = (Array.isArray(e.columns) ? e.columns : []).filter(isObject);
  const rows = (Array.isArray(e.rows) ? e.rows : []).filter(isObject);
  const pageSize = Math.min(Math.max(Number(e.page_size) || 5, 1), 10);
  const pages = Math.max(1, Math.ceil(rows.length / pageSize));
  const head = columns.map((c) => `<th${align(c)}>${esc(textOf(c.display_name) || String(c.name ?? ''))}</th>`).join('');
  const body = rows
    .map((r, i) => {
      const page = Math.floor(i / pageSize);
      const cells = columns.map((c) => `<td${align(c)}>${cell(c, r[String(c.name)])}</td>`).join('');
      return `<tr${attrs({ 'data-page': page, hidden: page > 0 })}>${cells}</tr>`;
    })
    .join('');
  const empty = rows.length === 0 ? `<tr><td class="c-table-empty" colspan="${Math.max(columns.length, 1)}">暂无数据</td></tr>` : '';
  const pager =
    pages > 1
      ? `<div class="c-pager" data-pages="${pages}"><button type="button" class="c-page-btn" data-page-step="-1" disabled aria-label="上一页">‹</button><span class="c-page-no">1 / ${pages}</span><button type="button" class="c-page-btn" data-page-step="1" aria-label="下一页">›</button></div>`
      : '';
  return `<div class="c-table" data-page-now="0"><div class="c-table-scroll"><table><thead><tr>${head}</tr></thead><tbody>${body}${empty}</tbody></table></div>${pager}</div>`;
}

function align(c: Record<string, unknown>): string {
  const a = c.horizontal_align ?? (c.data_type === 'number' ? 'right' : undefined);
  return a === 'right' || a === 'center' ? ` class="c-align-${a}"` : '';
}

function cell(c: Record<string, unknown>, v: unknown): string {
  if (v === undefined || v === null || v === '') return '';
  switch (c.data_type) {
    case 'lark_md':
    case 'markdown':
      return renderMarkdown(String(v));
    case 'number': {
      const format = isObject(c.format) ? c.format : {};
      const n = Number(v);
      const shown = Number.isFinite(n) && typeof format.precision === 'number' ? n.toFixed(format.precision) : String(v);
      return esc(`${typeof format.symbol === 'string' ? format.symbol : ''}${shown}`);
    }
    case 'options':
      return (Array.isArray(v) ? v : [v]).map((o) => `<span class="md-tag">${esc(isObject(o) ? textOf(o.text) : o)}</span>`).join(' ');
    case 'persons':
      return esc((Array.isArray(v) ? v : [v]).map((p) => `@${isObject(p) ? textOf(p.name) || String(p.id ?? '') : String(p)}`).join('、'));
    case 'date':
      return esc(typeof v === 'number' ? new Date(v).toLocaleDateString('zh-CN', { timeZone: 'Asia/Shanghai' }) : v);
    default:
      return esc(typeof v === 'object' ? JSON.stringify(v) : v);
  }
}
