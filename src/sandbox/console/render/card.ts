import { renderChart } from './chart';
import { renderButton, renderChecker, renderDatePicker, renderInput, renderSelect } from './controls';
import { attrs, esc, isObject, textOf } from './html';
import { renderMarkdown } from './markdown';
import { renderTable } from './table';

/**
 * A Card JSON 2.0 (or 1.0) card as HTML, the way Feishu lays it out: the coloured header, then the
 * body's components. A component we do not know is shown as its JSON, so nothing silently vanishes.
 */
export function renderCard(card: unknown): string {
  if (!isObject(card)) return unknown(card);
  const body = isObject(card.body) ? card.body : card;
  const elements = Array.isArray(body.elements) ? body.elements : card.type === 'template' ? null : [];
  if (elements === null) return `<div class="card">${unknown(card, '模板卡片')}</div>`;
  return `<div class="card">${header(card.header)}<div class="card-body">${elements.map(renderElement).join('')}</div></div>`;
}

const TEMPLATES = new Set(['blue', 'wathet', 'turquoise', 'green', 'yellow', 'orange', 'red', 'carmine', 'violet', 'purple', 'indigo', 'grey', 'default']);

function header(h: unknown): string {
  if (!isObject(h)) return '';
  const template = typeof h.template === 'string' && TEMPLATES.has(h.template) ? h.template : 'default';
  const subtitle = textOf(h.subtitle);
  const tags = (Array.isArray(h.text_tag_list) ? h.text_tag_list : []).filter(isObject).map((t) => `<span class="md-tag">${esc(textOf(t.text))}</span>`);
  return (
    `<div class="card-header card-t-${template}"><div class="card-title">${esc(textOf(h.title))}${tags.join('')}</div>` +
    (subtitle ? `<div class="card-subtitle">${esc(subtitle)}</div>` : '') +
    '</div>'
  );
}

export function renderElement(e: unknown): string {
  if (!isObject(e)) return unknown(e);
  switch (e.tag) {
    case 'markdown':
    case 'lark_md':
      return `<div${attrs({ class: `c-md${e.text_size === 'notation' ? ' c-notation' : ''}${typeof e.text_align === 'string' ? ` c-align-${e.text_align}` : ''}` })}>${renderMarkdown(String(e.content ?? ''))}</div>`;
    case 'plain_text':
      return `<div class="c-md c-plain">${esc(textOf(e))}</div>`;
    case 'div':
      return divElement(e);
    case 'hr':
      return '<hr class="c-hr">';
    case 'note':
      return `<div class="c-md c-notation">${children(e.elements)}</div>`;
    case 'column_set':
      return columnSet(e);
    case 'column':
      return `<div class="c-column">${children(e.elements)}</div>`;
    case 'form':
      return `<form class="c-form" novalidate${attrs({ 'data-form': String(e.name ?? '') })}>${children(e.elements)}</form>`;
    case 'collapsible_panel':
      return `<details class="c-panel"${attrs({ open: e.expanded === true })}><summary>${esc(textOf(isObject(e.header) ? e.header.title : ''))}</summary>${children(e.elements)}</details>`;
    case 'interactive_container':
      return `<div class="c-container">${children(e.elements)}</div>`;
    case 'input':
      return renderInput(e);
    case 'select_static':
      return renderSelect(e, false);
    case 'multi_select_static':
      return renderSelect(e, true);
    case 'date_picker':
    case 'picker_time':
    case 'picker_datetime':
      return renderDatePicker(e);
    case 'checker':
      return renderChecker(e);
    case 'button':
      return `<div class="c-actions">${renderButton(e)}</div>`;
    case 'action':
      return `<div class="c-actions">${(Array.isArray(e.actions) ? e.actions : []).map((a) => (isObject(a) && a.tag === 'button' ? renderButton(a) : renderElement(a))).join('')}</div>`;
    case 'table':
      return renderTable(e);
    case 'chart':
      return renderChart(e);
    case 'img':
    case 'image':
      return `<div class="c-img">[图片${textOf(e.alt) ? `：${esc(textOf(e.alt))}` : ''}]</div>`;
    case 'person':
    case 'person_list':
      return `<div class="c-md">${esc(((e.persons as unknown[]) ?? [e.user_id]).map((p) => `@${isObject(p) ? String(p.id ?? '') : String(p ?? '')}`).join(' '))}</div>`;
    default:
      return unknown(e);
  }
}

const children = (list: unknown): string => (Array.isArray(list) ? list.map(renderElement).join('') : '');

function divElement(e: Record<string, unknown>): string {
  const text = isObject(e.text) ? (e.text.tag === 'lark_md' ? renderMarkdown(textOf(e.text)) : esc(textOf(e.text))) : '';
  const fields = (Array.isArray(e.fields) ? e.fields : []).filter(isObject).map((f) => {
    const t = isObject(f.text) && f.text.tag === 'lark_md' ? renderMarkdown(textOf(f.text)) : esc(textOf(f.text));
    return `<div class="c-field-cell${f.is_short ? ' c-short' : ''}">${t}</div>`;
  });
  return `<div class="c-md">${text}${fields.length ? `<div class="c-fields">${fields.join('')}</div>` : ''}</div>`;
}

function columnSet(e: Record<string, unknown>): string {
  const cols = (Array.isArray(e.columns) ? e.columns : []).filter(isObject).map((c) => {
    const grow = c.width === 'auto' ? '0 0 auto' : `${Number(c.weight ?? 1)} 1 0`;
    return `<div class="c-column${c.vertical_align === 'center' ? ' c-v-center' : ''}" style="flex:${grow}">${children(c.elements)}</div>`;
  });
  return `<div class="c-columns${e.flex_mode === 'flow' ? ' c-flow' : ''}">${cols.join('')}</div>`;
}

/** A component the console does not draw: its JSON, so a reader still sees what was sent. */
function unknown(e: unknown, what?: string): string {
  const tag = isObject(e) && typeof e.tag === 'string' ? e.tag : '';
  return `<details class="c-unknown" open><summary>${esc(what ?? `控制台未支持的组件 ${tag}`)}，以 JSON 显示</summary><pre>${esc(JSON.stringify(e, null, 2))}</pre></details>`;
}
