import { describe, expect, it } from 'vitest';
import { ROLE_LABELS } from '../../src/core/org/person';
import { renderCard, renderElement } from '../../src/sandbox/console/render/card';
import { renderMarkdown } from '../../src/sandbox/console/render/markdown';
import { ROLE_NAMES } from '../../src/sandbox/console/render/people';
import { snapshotCards } from './card-corpus';

/** The text a reader sees in rendered HTML: tags dropped, entities decoded. */
function visible(html: string): string {
  return html
    .replace(/<br>/g, '\n')
    .replace(/<\/div>/g, '\n')
    .replace(/<[^>]+>/g, '')
    .replace(/&(lt|gt|quot|#39|amp);/g, (_, e: string) => ({ lt: '<', gt: '>', quot: '"', '#39': "'", amp: '&' })[e]!);
}

const corpus = snapshotCards();

/** Every component with this tag anywhere in a card. */
function componentsOf(node: unknown, tag: string): Array<Record<string, unknown>> {
  if (Array.isArray(node)) return node.flatMap((n) => componentsOf(n, tag));
  if (!node || typeof node !== 'object') return [];
  const o = node as Record<string, unknown>;
  return [...(o.tag === tag ? [o] : []), ...Object.values(o).flatMap((v) => componentsOf(v, tag))];
}

describe('the console renders every card our builders make as Feishu does', () => {
  it('finds the cards in the snapshot files, with every kind of component our builders use', () => {
    expect(corpus.length).toBeGreaterThanOrEqual(50);
    const tags = new Set(corpus.flatMap((c) => [...JSON.stringify(c.card).matchAll(/"tag":"([a-z_]+)"/g)].map((m) => m[1])));
    expect([...tags].sort()).toEqual(expect.arrayContaining(['button', 'column', 'column_set', 'form', 'hr', 'input', 'markdown', 'plain_text', 'select_static', 'table']));
    expect(corpus.filter((c) => componentsOf(c.card, 'select_static').length > 0).length).toBeGreaterThan(0);
  });

  it.each(corpus.map((c) => [c.name, c.card] as const))('%s', (_name, card) => {
    const html = renderCard(card);
    const text = visible(html);
    expect(text).not.toContain('**');
    expect(text).not.toMatch(/[{[]\s*"[A-Za-z_]+"\s*:/);
    expect(html).not.toContain('控制台未支持的组件');
    const header = card.header as { title: { content: string } };
    expect(text).toContain(header.title.content);
    // Multi-line inputs are text areas, single-line ones inputs, and every select shows its placeholder as its label.
    const inputs = componentsOf(card, 'input');
    expect((html.match(/<textarea/g) ?? []).length).toBe(inputs.filter((i) => i.input_type === 'multiline_text').length);
    // A chart shows its data (the ranking announcements' bar charts, once their snapshots are here).
    for (const chart of componentsOf(card, 'chart')) expect(renderElement(chart)).not.toContain('图表没有数据');
    for (const select of componentsOf(card, 'select_static')) {
      const label = (select.placeholder as { content: string }).content.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      expect(html).toMatch(new RegExp(`class="c-label">(<span class="c-required">\\*</span>)?${label}</span>`));
    }
  });
});

describe('card markdown', () => {
  const md = (s: string) => renderMarkdown(s);

  it('draws bold, italic, strike, code and links, and keeps every line break', () => {
    const html = md('**状态：**已提交 *斜体* ~~删除~~ `代码`\n[制度原文](https://www.gov.cn/x)');
    expect(html).toContain('<strong>状态：</strong>已提交 <em>斜体</em> <del>删除</del> <code>代码</code>');
    expect(html).toContain('<a href="https://www.gov.cn/x" target="_blank" rel="noopener noreferrer">制度原文</a>');
    expect(html.match(/class="md-p"/g)).toHaveLength(2);
  });

  it('shows escaped characters as themselves: backslashes and entities', () => {
    const html = md('依法行政\\*专题\\* &#42;不加粗&#42; \\<b\\>结业\\</b\\> a\\_b \\`x\\`');
    expect(visible(html)).toContain('依法行政*专题* *不加粗* <b>结业</b> a_b `x`');
    expect(html).not.toContain('<strong>');
    expect(html).not.toContain('<em>');
  });

  it('draws lists, nested by indent, with an indented line continuing its item', () => {
    const html = md('**本月周记**：按时 2 周\n- 第23周：按时提交\n  申报加分：市级表彰\n- 第24周：未提交\n1. 第一\n2. 第二');
    expect(html.match(/class="md-li"/g)).toHaveLength(4);
    expect(html).toContain('md-li md-li-cont');
    expect(visible(html)).toContain('申报加分：市级表彰');
    expect(html).toContain('<span class="md-marker">2.</span>');
  });

  it('draws <font> colours, text tags and @mentions, and never raw HTML from the card', () => {
    expect(md("<font color='red'>逾期</font>")).toContain('<span class="md-font md-c-red">逾期</span>');
    expect(md("<text_tag color='green'>已确认</text_tag>")).toContain('<span class="md-tag md-c-green">已确认</span>');
    expect(md('<at id=all></at> 请注意')).toContain('@所有人');
    expect(md('<script>alert(1)</script>')).toContain('&lt;script&gt;');
    expect(md('[x](javascript:alert(1))')).not.toContain('href');
  });

  it('lets an inline code span run over a line break, as the help card’s examples do', () => {
    const html = md('- **/周记** 提交周记\n  例：`周记 完成初稿\n下周计划：报送`\n- **/团队** 查看');
    expect(html).toContain('<code>周记 完成初稿<br>下周计划：报送</code>');
    expect(visible(html)).not.toContain('`');
    expect(html.match(/class="md-li"/g)).toHaveLength(2);
  });

  it('leaves an unpaired mark as it is', () => {
    expect(visible(md('5 ** 2 与 a * b'))).toContain('5 ** 2 与 a * b');
  });
});

describe('card components', () => {
  it('pages a table by page_size', () => {
    const rows = Array.from({ length: 12 }, (_, i) => ({ name: `单位${i + 1}`, score: 90 - i }));
    const html = renderElement({ tag: 'table', page_size: 5, columns: [{ name: 'name', display_name: '单位' }, { name: 'score', display_name: '得分', data_type: 'number' }], rows });
    expect(html.match(/data-page="0"/g)).toHaveLength(5);
    expect(html.match(/data-page="2"/g)).toHaveLength(2);
    expect(html).toContain('1 / 3');
  });

  it('draws a bar chart from its spec, and other charts as their data', () => {
    const values = [
      { unit: '办公室', score: 92.5 },
      { unit: '政策法规处', score: 88 },
    ];
    const bar = renderElement({ tag: 'chart', chart_spec: { type: 'bar', title: { text: '单位得分' }, data: { values }, xField: 'unit', yField: 'score' } });
    expect(bar.match(/class="c-bar"/g)).toHaveLength(2);
    expect(visible(bar)).toContain('单位得分');
    expect(bar).toContain('width:100.0%');
    const horizontal = renderElement({ tag: 'chart', chart_spec: { type: 'bar', direction: 'horizontal', data: [{ id: 'd', values }], xField: 'score', yField: 'unit' } });
    expect(visible(horizontal)).toContain('政策法规处');
    const pie = renderElement({ tag: 'chart', chart_spec: { type: 'pie', data: { values }, categoryField: 'unit', valueField: 'score' } });
    expect(visible(pie)).toContain('办公室92.5（51%）');
  });

  it('shows a component it does not know as its JSON', () => {
    const html = renderElement({ tag: 'hologram', colour: 'gold' });
    expect(visible(html)).toContain('控制台未支持的组件 hologram');
    expect(visible(html)).toContain('"colour": "gold"');
  });

  it('carries a submit button’s callback value and form role for the page', () => {
    const html = renderElement({ tag: 'button', name: 'submit', text: { tag: 'plain_text', content: '提交' }, type: 'primary_filled', form_action_type: 'submit', behaviors: [{ type: 'callback', value: { a: 'weekly.submit', rev: 2 } }] });
    expect(html).toContain('data-form-action="submit"');
    expect(html).toContain('data-value="{&quot;a&quot;:&quot;weekly.submit&quot;,&quot;rev&quot;:2}"');
    expect(html).toContain('c-btn-primary_filled');
  });

  it('names roles the way the bot does', () => {
    expect(ROLE_NAMES).toEqual(ROLE_LABELS);
  });
});
