/** HTML text and attribute escaping for the console's renderers (they build strings, not DOM). */
export function esc(value: unknown): string {
  return String(value ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** ` name="value"` pairs for the attributes that are set. */
export function attrs(pairs: Record<string, string | number | boolean | undefined | null>): string {
  return Object.entries(pairs)
    .filter(([, v]) => v !== undefined && v !== null && v !== false)
    .map(([k, v]) => (v === true ? ` ${k}` : ` ${k}="${esc(v)}"`))
    .join('');
}

/** The text of a Card JSON text object (`{tag:'plain_text', content}`) or a plain string. */
export function textOf(t: unknown): string {
  if (typeof t === 'string') return t;
  if (t && typeof t === 'object') {
    const o = t as Record<string, unknown>;
    if (typeof o.content === 'string') return o.content;
    const i18n = o.i18n_content ?? o.i18n;
    if (i18n && typeof i18n === 'object') return String(Object.values(i18n as Record<string, unknown>)[0] ?? '');
  }
  return '';
}

export const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
