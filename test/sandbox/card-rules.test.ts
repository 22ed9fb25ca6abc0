import { describe, expect, it } from 'vitest';
import { callbackButton, card, columns, form, hr, input, md, note, select, table, type ButtonType } from '../../cards/components';

const button = (text: string, action: string, value: Record<string, string> = {}, type: ButtonType = 'default') => callbackButton(text, { a: action, ...value }, { type });
const submitButton = (text: string, name: string, action: string) => callbackButton(text, { a: action }, { type: 'primary_filled', name, submit: true });
import { countElements, validateCard } from '../../src/sandbox/card-rules';

const base = (elements: unknown[], extra: Record<string, unknown> = {}) => ({
  schema: '2.0',
  config: { update_multi: true },
  header: { title: { tag: 'plain_text', content: '标题' }, template: 'blue' },
  body: { elements },
  ...extra,
});
const messages = (c: unknown) => validateCard(c).map((i) => `${i.path}: ${i.message}`);

describe('validateCard (Card JSON 2.0 rules)', () => {
  it('accepts what the card building blocks produce', () => {
    const c = card({
      title: '周记',
      subtitle: '第 47 周',
      elements: [
        md('**本周**'),
        note('小字'),
        hr(),
        columns([[md('左')], [button('确认', 'weekly.confirm', { id: 'x' }, 'primary')]]),
        table([{ name: 'who', label: '姓名' }], [{ who: '张三' }], 5),
        form('weekly_form', [
          input({ name: 'done', label: '完成工作', multiline: true, required: true, maxLength: 1000 }),
          select({ name: 'tier', placeholder: '等次', options: [{ label: '好', value: 'good' }, { label: '较好', value: 'fair' }] }),
          submitButton('提交', 'submit_btn', 'weekly.submit'),
        ]),
      ],
    });
    expect(messages(c)).toEqual([]);
  });

  it('counts every tagged node and plain_text the way Lark does, and refuses more than 200', () => {
    expect(countElements(base([md('a'), button('b', 'x')]))).toBe(4); // title + markdown + button + its plain_text
    const many = base(Array.from({ length: 100 }, () => button('b', 'x')));
    const issues = validateCard(many);
    expect(issues).toEqual([expect.objectContaining({ code: 230099, subCode: 11310, path: '$', message: expect.stringContaining('element exceeds the limit (201 > 200)') })]);
  });

  it('measures size on the JSON and refuses over 30 KB', () => {
    expect(messages(base([md('字'.repeat(11_000))]))).toEqual([expect.stringContaining('exceeds 30 KB')]);
    expect(validateCard(base([md('x')]), { bytes: 31 * 1024 })).toHaveLength(1);
  });

  it('refuses unknown attributes and enum values', () => {
    expect(messages(base([{ tag: 'markdown', content: 'x', colour: 'red' }]))).toEqual(['$.body.elements[0].colour: unknown property colour']);
    expect(messages(base([{ ...button('b', 'x'), type: 'blue' }]))).toEqual([expect.stringMatching(/^\$\.body\.elements\[0\]\.type: type must be one of default/)]);
    expect(messages(base([{ tag: 'column_set', flex_mode: 'wrap', columns: [] }]))).toEqual([expect.stringContaining('flex_mode must be one of none')]);
    expect(messages(base([], { header: { title: { tag: 'plain_text', content: 't' }, template: 'pink' } }))).toEqual([expect.stringContaining('template must be one of')]);
    expect(messages(base([], { config: { update_multi: false } }))).toEqual([expect.stringContaining('only update_multi: true')]);
    expect(messages(base([{ tag: 'action', actions: [] }]))).toEqual(['$.body.elements[0].tag: unsupported tag action']);
    expect(messages({ ...base([]), schema: '1.0' })).toEqual(['$.schema: schema must be "2.0"']);
  });

  it('checks input max_length 1–1000 and table page_size 1–10', () => {
    const inForm = (e: Record<string, unknown>) => base([form('f', [e, submitButton('提交', 's', 'a')])]);
    expect(messages(inForm({ ...input({ name: 'a', label: 'A' }), max_length: 1001 }))).toEqual([expect.stringContaining('max_length must be an integer in [1, 1000]')]);
    expect(messages(inForm({ ...input({ name: 'a', label: 'A' }), max_length: 0 }))).toHaveLength(1);
    expect(messages(base([{ ...table([{ name: 'a', label: 'A' }], []), page_size: 11 }]))).toEqual([expect.stringContaining('page_size must be an integer in [1, 10]')]);
  });

  it('enforces the form rules: unique names, a submit button, no table or form inside', () => {
    const dup = base([form('f', [input({ name: 'a', label: 'A' }), input({ name: 'a', label: 'B' }), submitButton('提交', 's', 'x')])]);
    expect(messages(dup)).toEqual([expect.stringContaining('name a is already used')]);
    const unnamed = base([form('f', [{ tag: 'input' }, submitButton('提交', 's', 'x')])]);
    expect(messages(unnamed)).toEqual([expect.stringContaining('needs a name')]);
    expect(messages(base([form('f', [input({ name: 'a', label: 'A' })])]))).toEqual([expect.stringContaining('needs a button with form_action_type "submit"')]);
    const withTable = base([form('f', [table([{ name: 'a', label: 'A' }], []), submitButton('提交', 's', 'x')])]);
    expect(messages(withTable)).toEqual([expect.stringContaining('a table cannot be placed inside a form')]);
    const nested = base([form('f', [form('g', [submitButton('提交', 's2', 'x')]), submitButton('提交', 's', 'x')])]);
    expect(messages(nested)).toEqual(expect.arrayContaining([expect.stringContaining('only be placed at the root')]));
    expect(messages(base([submitButton('提交', 's', 'x')]))).toEqual([expect.stringContaining('only allowed on a button inside a form')]);
  });

  it('keeps tables and forms out of column_set, and at most five tables a card', () => {
    const t = table([{ name: 'a', label: 'A' }], []);
    expect(messages(base([columns([[t]])]))).toEqual([expect.stringContaining('table must be placed at the root')]);
    expect(messages(base([columns([[form('f', [submitButton('提交', 's', 'x')])]])]))).toEqual([expect.stringContaining('form can only be placed at the root')]);
    expect(messages(base(Array.from({ length: 6 }, () => t)))).toEqual(['$.body.elements[5]: card table number over limit']);
    expect(messages(base([{ tag: 'column_set', columns: [md('x')] }]))).toEqual([expect.stringContaining('can only hold column elements')]);
  });

  it('checks chart, person, person_list, collapsible_panel and img', () => {
    const ok = base([
      { tag: 'chart', chart_spec: { type: 'bar', data: { values: [] } }, aspect_ratio: '16:9', color_theme: 'brand' },
      { tag: 'person', user_id: 'ou_1', size: 'small', show_name: true },
      { tag: 'person_list', persons: [{ id: 'ou_1' }], show_avatar: true },
      { tag: 'collapsible_panel', expanded: false, header: { title: { tag: 'plain_text', content: '更多' } }, elements: [md('x')] },
      { tag: 'img', img_key: 'img_v2_x', alt: { tag: 'plain_text', content: '' }, scale_type: 'crop_center' },
    ]);
    expect(messages(ok)).toEqual([]);
    expect(messages(base([{ tag: 'chart', chart_spec: {}, aspect_ratio: '3:2' }]))).toEqual([expect.stringContaining('aspect_ratio')]);
    expect(messages(base([{ tag: 'person', size: 'huge' }]))).toEqual(expect.arrayContaining([expect.stringContaining('user_id is required'), expect.stringContaining('size must be')]));
  });
});
