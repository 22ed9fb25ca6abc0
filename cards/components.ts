import type { CardJson } from '../src/core/ports';

/** Card JSON 2.0 building blocks. Cards are pure functions of a view-model; nothing here does I/O. */

export type Element = Record<string, unknown>;
export type HeaderColour = 'blue' | 'wathet' | 'turquoise' | 'green' | 'yellow' | 'orange' | 'red' | 'carmine' | 'violet' | 'purple' | 'indigo' | 'grey';

export function card(opts: { title: string; subtitle?: string; template?: HeaderColour; summary?: string; elements: Element[] }): CardJson {
  return {
    schema: '2.0',
    config: { update_multi: true, width_mode: 'fill', summary: { content: opts.summary ?? opts.title } },
    header: {
      title: { tag: 'plain_text', content: opts.title },
      ...(opts.subtitle ? { subtitle: { tag: 'plain_text', content: opts.subtitle } } : {}),
      template: opts.template ?? 'blue',
    },
    body: { direction: 'vertical', elements: opts.elements },
  };
}

/**
 * Text users wrote is shown verbatim: markdown control characters become HTML entities, the escape
 * Lark's card markdown documents (a backslash would show up literally). Table cells are plain text
 * and need none of this.
 */
export function escapeMd(text: string): string {
  return text.replace(/[\\`*_~\[\]()<>#|]/g, (c) => `&#${c.charCodeAt(0)};`);
}

export const md = (content: string): Element => ({ tag: 'markdown', content });
export const hr = (): Element => ({ tag: 'hr' });
export const note = (content: string): Element => ({ tag: 'markdown', content, text_size: 'notation' });

export type ButtonType = 'default' | 'primary' | 'danger' | 'primary_filled' | 'danger_filled' | 'laser';

/**
 * A button whose callback carries `{a: actionId, ...value}`. Features never call this directly: they
 * build buttons through their action's declaration (cards/define-action.ts), which checks the value.
 */
export function callbackButton(text: string, value: Record<string, unknown>, opts: { type: ButtonType; name?: string; submit?: boolean }): Element {
  return {
    tag: 'button',
    ...(opts.name ? { name: opts.name } : {}),
    text: { tag: 'plain_text', content: text },
    type: opts.type,
    ...(opts.submit ? { form_action_type: 'submit' } : {}),
    behaviors: [{ type: 'callback', value }],
  };
}

export function form(name: string, elements: Element[]): Element {
  return { tag: 'form', name, elements };
}

export const INPUT_MAX_LENGTH = 1000;

export function input(opts: { name: string; label: string; placeholder?: string; value?: string; multiline?: boolean; required?: boolean; maxLength?: number }): Element {
  return {
    tag: 'input',
    name: opts.name,
    label: { tag: 'plain_text', content: opts.label },
    label_position: 'top',
    placeholder: { tag: 'plain_text', content: opts.placeholder ?? '' },
    default_value: opts.value ?? '',
    required: opts.required ?? false,
    width: 'fill',
    // Lark accepts max_length 1–1000 on an input; a longer limit is the server's to enforce.
    ...(opts.maxLength ? { max_length: Math.min(opts.maxLength, INPUT_MAX_LENGTH) } : {}),
    ...(opts.multiline ? { input_type: 'multiline_text', rows: 4, auto_resize: true, max_rows: 12 } : {}),
  };
}

export function select(opts: { name: string; placeholder: string; options: Array<{ label: string; value: string }>; initial?: string; required?: boolean }): Element {
  return {
    tag: 'select_static',
    name: opts.name,
    placeholder: { tag: 'plain_text', content: opts.placeholder },
    options: opts.options.map((o) => ({ text: { tag: 'plain_text', content: o.label }, value: o.value })),
    ...(opts.initial ? { initial_option: opts.initial } : {}),
    required: opts.required ?? false,
    width: 'fill',
  };
}

/** Several choices from a list; the form sends the chosen values as an array. */
export function multiSelect(opts: { name: string; placeholder: string; options: Array<{ label: string; value: string }> }): Element {
  return {
    tag: 'multi_select_static',
    name: opts.name,
    placeholder: { tag: 'plain_text', content: opts.placeholder },
    options: opts.options.map((o) => ({ text: { tag: 'plain_text', content: o.label }, value: o.value })),
    required: false,
    width: 'fill',
  };
}

export function columns(cols: Element[][]): Element {
  return {
    tag: 'column_set',
    columns: cols.map((elements) => ({ tag: 'column', width: 'weighted', weight: 1, elements })),
  };
}

export function table(cols: Array<{ name: string; label: string }>, rows: Array<Record<string, string | number>>, pageSize = 10): Element {
  return {
    tag: 'table',
    columns: cols.map((c) => ({ name: c.name, display_name: c.label, data_type: 'text', width: 'auto' })),
    rows,
    page_size: Math.min(Math.max(pageSize, 1), 10),
    row_height: 'low',
    header_style: { background_style: 'grey', bold: true, lines: 1 },
  };
}

/** A text progress bar that renders the same on every client: ▓▓▓▓▓░░░░░ 50%. */
export function progressBar(share: number, width = 10): string {
  const clamped = Math.max(0, Math.min(1, share));
  const filled = Math.round(clamped * width);
  return `${'▓'.repeat(filled)}${'░'.repeat(width - filled)} ${Math.round(clamped * 100)}%`;
}
