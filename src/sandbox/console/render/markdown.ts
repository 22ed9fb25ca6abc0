import { esc } from './html';
import { inline, toChars } from './markdown-inline';

/**
 * Card markdown as Feishu shows it: every line break kept; headings, lists (`-`, `*`, `1.`, nested by
 * indent, an indented line continuing its item), quotes, `---` rules and fenced code; inline marks
 * in markdown-inline.ts. Escaped characters (`\*`, `&#42;`) are shown as themselves.
 */
export function renderMarkdown(source: string): string {
  const lines = source.replace(/\r\n?/g, '\n').split('\n');
  const out: string[] = [];
  let inList = false;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (/^\s*```/.test(line)) {
      const end = lines.findIndex((l, j) => j > i && /^\s*```\s*$/.test(l));
      const stop = end < 0 ? lines.length : end;
      out.push(`<pre class="md-code"><code>${esc(lines.slice(i + 1, stop).join('\n'))}</code></pre>`);
      i = stop;
      inList = false;
      continue;
    }
    // An inline code span may run over a line break, as in CommonMark: read those lines as one.
    let logical = line;
    if (openBackticks(line)) {
      const end = lines.findIndex((l, j) => j > i && j <= i + 3 && openBackticks(l));
      if (end > i) {
        logical = lines.slice(i, end + 1).join('\n');
        i = end;
      }
    }
    const block = blockOf(logical, inList);
    inList = block.list;
    out.push(block.html);
  }
  return `<div class="md">${out.join('')}</div>`;
}

/** Whether a line leaves an inline code span open (an odd number of unescaped backticks). */
const openBackticks = (line: string): boolean => toChars(line).filter((c) => c.c === '`' && !c.lit).length % 2 === 1;

function blockOf(line: string, afterListItem: boolean): { html: string; list: boolean } {
  let m: RegExpExecArray | null;
  if (line.trim() === '') return { html: '<div class="md-gap"></div>', list: false };
  if (/^\s{0,3}(-{3,}|\*{3,}|_{3,})\s*$/.test(line)) return { html: '<hr class="md-hr">', list: false };
  if ((m = /^(#{1,6})\s+([\s\S]*)$/.exec(line))) return { html: `<div class="md-h md-h${m[1]!.length}">${inline(toChars(m[2]!))}</div>`, list: false };
  if ((m = /^\s*>\s?([\s\S]*)$/.exec(line))) return { html: `<blockquote class="md-quote">${inline(toChars(m[1]!))}</blockquote>`, list: false };
  if ((m = /^(\s*)([-*+]|\d{1,3}[.)])\s+([\s\S]*)$/.exec(line))) {
    const level = Math.min(Math.floor(m[1]!.replace(/\t/g, '    ').length / 2), 6);
    const marker = /\d/.test(m[2]!) ? esc(m[2]!.replace(')', '.')) : level % 2 === 0 ? '•' : '◦';
    const html = `<div class="md-li" style="--lvl:${level}"><span class="md-marker">${marker}</span><span class="md-li-text">${inline(toChars(m[3]!))}</span></div>`;
    return { html, list: true };
  }
  if (afterListItem && /^[ \t]+\S/.test(line)) {
    const level = Math.min(Math.floor((line.length - line.trimStart().length) / 2), 6);
    return { html: `<div class="md-li md-li-cont" style="--lvl:${Math.max(level, 1) - 1}"><span class="md-marker"></span><span class="md-li-text">${inline(toChars(line.trim()))}</span></div>`, list: true };
  }
  return { html: `<div class="md-p">${inline(toChars(line))}</div>`, list: false };
}
