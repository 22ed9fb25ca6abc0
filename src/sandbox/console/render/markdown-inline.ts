import { esc } from './html';

/** One character of source: `lit` when it was escaped (`\*`, `&#42;`) and so can never be markup. */
export interface Ch {
  c: string;
  lit: boolean;
}

const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };
const ENTITY = /^&(?:#(\d{1,7})|#[xX]([0-9a-fA-F]{1,6})|([a-z]{2,6}));/;
const PUNCT = /[!-/:-@[-`{-~]/;

export function toChars(src: string): Ch[] {
  const out: Ch[] = [];
  for (let i = 0; i < src.length; i++) {
    const c = src[i]!;
    if (c === '\\' && i + 1 < src.length && PUNCT.test(src[i + 1]!)) {
      out.push({ c: src[++i]!, lit: true });
      continue;
    }
    const m = c === '&' ? ENTITY.exec(src.slice(i, i + 12)) : null;
    const decoded = m ? (m[1] ? String.fromCodePoint(Number(m[1])) : m[2] ? String.fromCodePoint(parseInt(m[2], 16)) : NAMED[m[3]!]) : undefined;
    if (m && decoded !== undefined) {
      out.push({ c: decoded, lit: true });
      i += m[0].length - 1;
      continue;
    }
    out.push({ c, lit: false });
  }
  return out;
}

const FONT_COLOURS = new Set(['red', 'green', 'grey', 'gray', 'blue', 'orange', 'yellow', 'purple', 'carmine', 'violet', 'indigo', 'wathet', 'turquoise', 'lime']);

/** Inline marks: **bold**, *italic*, ~~strike~~, `code`, [links](url), <font color>, <text_tag>, <at>, <br>. */
export function inline(cs: Ch[], from = 0, to = cs.length): string {
  let out = '';
  let i = from;
  while (i < to) {
    const ch = cs[i]!;
    const step = ch.lit ? null : mark(cs, i, to);
    if (step) {
      out += step.html;
      i = step.next;
    } else {
      out += ch.c === '\n' ? '<br>' : esc(ch.c);
      i++;
    }
  }
  return out;
}

function mark(cs: Ch[], i: number, to: number): { html: string; next: number } | null {
  const c = cs[i]!.c;
  const pair = (open: string, close: string, tag: string) => {
    const end = find(cs, close, i + open.length, to);
    return end > i + open.length ? { html: `<${tag}>${inline(cs, i + open.length, end)}</${tag}>`, next: end + close.length } : null;
  };
  if (c === '*' && at(cs, i + 1, '*')) return pair('**', '**', 'strong');
  if (c === '~' && at(cs, i + 1, '~')) return pair('~~', '~~', 'del');
  if (c === '*' && !/\s/.test(cs[i + 1]?.c ?? ' ')) return pair('*', '*', 'em');
  if (c === '`') {
    const end = find(cs, '`', i + 1, to);
    if (end < 0) return null;
    return { html: `<code>${esc(cs.slice(i + 1, end).map((x) => x.c).join('')).replace(/\n/g, '<br>')}</code>`, next: end + 1 };
  }
  if (c === '[') return link(cs, i, to);
  if (c === '<') return htmlTag(cs, i, to);
  return null;
}

function link(cs: Ch[], i: number, to: number): { html: string; next: number } | null {
  const close = find(cs, ']', i + 1, to);
  if (close < 0 || !at(cs, close + 1, '(')) return null;
  const end = find(cs, ')', close + 2, to);
  if (end < 0) return null;
  const url = cs.slice(close + 2, end).map((x) => x.c).join('').trim();
  const text = inline(cs, i + 1, close);
  if (!/^(https?:|lark:|mailto:)/i.test(url)) return { html: text, next: end + 1 };
  return { html: `<a href="${esc(url)}" target="_blank" rel="noopener noreferrer">${text}</a>`, next: end + 1 };
}

function htmlTag(cs: Ch[], i: number, to: number): { html: string; next: number } | null {
  const gt = find(cs, '>', i + 1, Math.min(to, i + 200));
  if (gt < 0) return null;
  const raw = cs.slice(i, gt + 1).map((x) => x.c).join('');
  if (/^<br\s*\/?>$/i.test(raw)) return { html: '<br>', next: gt + 1 };
  const m = /^<(font|text_tag|at|a)\b([^>]*)>$/i.exec(raw);
  if (!m) return null;
  const name = m[1]!.toLowerCase();
  const attr = (key: string) => new RegExp(`${key}\\s*=\\s*['"]?([^'" >]+)`, 'i').exec(m[2]!)?.[1] ?? '';
  const closeTag = `</${name}>`;
  const end = find(cs, closeTag, gt + 1, to);
  const inner = end < 0 ? '' : inline(cs, gt + 1, end);
  const next = end < 0 ? gt + 1 : end + closeTag.length;
  if (name === 'at') {
    const id = attr('id') || attr('user_id') || attr('open_id');
    return { html: `<span class="md-at">@${id === 'all' ? '所有人' : inner || esc(id)}</span>`, next };
  }
  if (name === 'a') {
    const href = attr('href');
    return { html: /^https?:/i.test(href) ? `<a href="${esc(href)}" target="_blank" rel="noopener noreferrer">${inner}</a>` : inner, next };
  }
  const colour = attr('color').toLowerCase();
  const cls = FONT_COLOURS.has(colour) ? ` md-c-${colour === 'gray' ? 'grey' : colour}` : '';
  return { html: name === 'text_tag' ? `<span class="md-tag${cls}">${inner}</span>` : `<span class="md-font${cls}">${inner}</span>`, next };
}

const at = (cs: Ch[], i: number, c: string) => cs[i]?.c === c && !cs[i]!.lit;

/** Index of the first unescaped occurrence of `seq` in [from, to), or -1. */
function find(cs: Ch[], seq: string, from: number, to: number): number {
  outer: for (let i = from; i + seq.length <= to; i++) {
    for (let k = 0; k < seq.length; k++) if (!at(cs, i + k, seq[k]!)) continue outer;
    return i;
  }
  return -1;
}
