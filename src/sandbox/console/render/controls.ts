import { attrs, esc, isObject, textOf } from './html';

/** Form controls and buttons. The page wires them up through their data-* attributes. */

export function renderInput(e: Record<string, unknown>): string {
  const label = textOf(e.label);
  const multiline = e.input_type === 'multiline_text';
  const max = typeof e.max_length === 'number' ? e.max_length : undefined;
  const common = attrs({
    name: String(e.name ?? ''),
    placeholder: textOf(e.placeholder),
    maxlength: max,
    required: e.required === true,
    disabled: e.disabled === true,
    'aria-label': label || textOf(e.placeholder),
    'data-max-rows': multiline ? Number(e.max_rows ?? 12) : undefined,
  });
  const value = String(e.default_value ?? '');
  const control = multiline
    ? `<textarea class="c-input c-textarea"${common} rows="${Number(e.rows ?? 4)}">${esc(value)}</textarea>`
    : `<input class="c-input" type="${e.input_type === 'password' ? 'password' : 'text'}"${common} value="${esc(value)}">`;
  const counter = max ? `<span class="c-count" data-count-for="${esc(e.name)}">${value.length}/${max}</span>` : '';
  return field(label, e.required === true, e.label_position === 'left', control + counter);
}

/** Feishu shows the placeholder only while nothing is chosen; ours carry the field's meaning, so it is shown as the label. */
export function renderSelect(e: Record<string, unknown>, multiple: boolean): string {
  const options = (Array.isArray(e.options) ? e.options : []).filter(isObject);
  const chosen = new Set<string>(multiple ? ((e.selected_values as string[] | undefined) ?? []) : typeof e.initial_option === 'string' ? [e.initial_option] : []);
  const label = textOf(e.placeholder);
  const opts = options.map((o) => `<option${attrs({ value: String(o.value ?? ''), selected: chosen.has(String(o.value)) })}>${esc(textOf(o.text))}</option>`);
  const none = multiple || chosen.size > 0 ? '' : `<option value="" selected disabled>${esc(label || '请选择')}</option>`;
  const control = `<select class="c-select"${attrs({ name: String(e.name ?? ''), multiple, required: e.required === true, disabled: e.disabled === true, 'aria-label': label })}>${none}${opts.join('')}</select>`;
  return field(label, e.required === true, false, control);
}

export function renderDatePicker(e: Record<string, unknown>): string {
  const kind = e.tag === 'picker_time' ? 'time' : e.tag === 'picker_datetime' ? 'datetime-local' : 'date';
  const initial = String(e.initial_date ?? e.initial_time ?? e.initial_datetime ?? '');
  const label = textOf(e.placeholder);
  const control = `<input class="c-input"${attrs({ type: kind, name: String(e.name ?? ''), value: initial, 'data-picker': kind, required: e.required === true, 'aria-label': label })}>`;
  return field(label, e.required === true, false, control);
}

export function renderChecker(e: Record<string, unknown>): string {
  return `<label class="c-checker"><input type="checkbox"${attrs({ name: String(e.name ?? ''), checked: e.checked === true, disabled: e.disabled === true })}> <span>${esc(textOf(e.text))}</span></label>`;
}

export function renderButton(e: Record<string, unknown>): string {
  const behaviors = (Array.isArray(e.behaviors) ? e.behaviors : []).filter(isObject);
  const callback = behaviors.find((b) => b.type === 'callback');
  const openUrl = behaviors.find((b) => b.type === 'open_url');
  const value = callback ? callback.value : e.value;
  const type = typeof e.type === 'string' ? e.type : 'default';
  const data = attrs({
    type: 'button',
    class: `c-btn c-btn-${type}${e.width === 'fill' ? ' c-btn-fill' : ''}`,
    disabled: e.disabled === true,
    'data-button': '1',
    'data-value': value === undefined ? undefined : JSON.stringify(value),
    'data-name': typeof e.name === 'string' ? e.name : undefined,
    'data-form-action': typeof e.form_action_type === 'string' ? e.form_action_type : undefined,
    'data-url': typeof openUrl?.default_url === 'string' ? openUrl.default_url : undefined,
    'data-confirm': isObject(e.confirm) ? `${textOf(e.confirm.title)}\n${textOf(e.confirm.text)}`.trim() : undefined,
  });
  return `<button${data}>${esc(textOf(e.text))}</button>`;
}

function field(label: string, required: boolean, inline: boolean, control: string): string {
  const head = label ? `<span class="c-label">${required ? '<span class="c-required">*</span>' : ''}${esc(label)}</span>` : '';
  return `<label class="c-field${inline ? ' c-field-inline' : ''}">${head}<span class="c-control">${control}</span></label>`;
}
