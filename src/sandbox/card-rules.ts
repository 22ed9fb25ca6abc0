import {
  type AttrSpec,
  BEHAVIOR_TYPES,
  CARD_BODY,
  CARD_CONFIG,
  CARD_HEADER,
  CARD_ROOT,
  COMPONENTS,
  FORM_FIELDS,
  REQUIRED,
  TABLE_COLUMN,
  TABLE_HEADER_STYLE,
  TEXT,
  TEXT_TAGS,
} from './card-schema';

/**
 * Checks a card the way the open platform does before it accepts a send, reply, PATCH, delayed update
 * or callback answer. Pure: no I/O, so the card linter and the sandbox share it.
 */
export interface CardIssue {
  code: number;
  subCode?: number;
  message: string;
  path: string;
}

export const CARD_INVALID = 230099;
export const CARD_SUBCODE = 11310;
export const CARD_MAX_ELEMENTS = 200;
export const CARD_MAX_BYTES = 30 * 1024;
export const CARD_MAX_TABLES = 5;

const TEXT_KEYS = ['text', 'placeholder', 'label', 'hover_tips', 'disabled_tips', 'alt', 'title'];
const PANEL_HEADER: AttrSpec = { title: () => null, background_color: () => null, width: () => null, vertical_align: () => null, icon: () => null, icon_position: () => null, icon_expanded_angle: () => null, padding: () => null };

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

interface Walk {
  issues: CardIssue[];
  names: Map<string, string>;
  tables: number;
}
interface Where {
  path: string;
  root: boolean;
  form: boolean;
}

/** Lark's wording: "Failed to create card content, ext=ErrCode: 11310; ErrMsg: …; ErrorValue: …; ". */
export function issueText(i: CardIssue): string {
  return `Failed to create card content, ext=ErrCode: ${i.subCode ?? CARD_SUBCODE}; ErrMsg: ${i.message}; ErrorValue: ${i.path}; `;
}

function add(w: Walk, path: string, message: string): void {
  w.issues.push({ code: CARD_INVALID, subCode: CARD_SUBCODE, message, path });
}

function checkAttrs(w: Walk, o: Obj, spec: AttrSpec, path: string, skip: string[] = ['tag']): void {
  for (const [key, value] of Object.entries(o)) {
    if (skip.includes(key)) continue;
    const check = spec[key];
    if (!check) add(w, `${path}.${key}`, `unknown property ${key}`);
    else {
      const problem = check(value);
      if (problem) add(w, `${path}.${key}`, `${key} ${problem}`);
    }
  }
}

function checkText(w: Walk, v: unknown, path: string): void {
  if (!isObj(v) || typeof v.tag !== 'string' || !TEXT_TAGS.has(v.tag)) return add(w, path, 'text must be {tag: "plain_text" | "lark_md", content}');
  checkAttrs(w, v, TEXT, path);
  if (typeof v.content !== 'string' && !isObj(v.i18n_content)) add(w, `${path}.content`, 'content is required');
}

function checkBehaviors(w: Walk, list: unknown, path: string): void {
  if (!Array.isArray(list)) return;
  list.forEach((b, i) => {
    const p = `${path}.behaviors[${i}]`;
    if (!isObj(b) || typeof b.type !== 'string' || !BEHAVIOR_TYPES.includes(b.type)) return add(w, p, `behavior type must be one of ${BEHAVIOR_TYPES.join(', ')}`);
    const allowed = b.type === 'callback' ? ['type', 'value'] : ['type', 'default_url', 'pc_url', 'ios_url', 'android_url'];
    for (const k of Object.keys(b)) if (!allowed.includes(k)) add(w, `${p}.${k}`, `unknown property ${k}`);
    if (b.type === 'callback' && b.value === undefined) add(w, `${p}.value`, 'a callback behavior needs a value');
  });
}

function checkOptions(w: Walk, list: unknown, path: string): void {
  if (!Array.isArray(list)) return;
  const seen = new Set<string>();
  list.forEach((o, i) => {
    const p = `${path}.options[${i}]`;
    if (!isObj(o)) return add(w, p, 'an option must be {text, value}');
    for (const k of Object.keys(o)) if (!['text', 'value', 'icon'].includes(k)) add(w, `${p}.${k}`, `unknown property ${k}`);
    checkText(w, o.text, `${p}.text`);
    if (typeof o.value !== 'string') add(w, `${p}.value`, 'value must be a string');
    else if (seen.has(o.value)) add(w, `${p}.value`, `option value ${o.value} is repeated`);
    else seen.add(o.value);
  });
}

function checkTable(w: Walk, t: Obj, at: Where): void {
  if (!at.root) add(w, at.path, at.form ? 'a table cannot be placed inside a form' : 'a table must be placed at the root of body.elements');
  if (++w.tables === CARD_MAX_TABLES + 1) add(w, at.path, 'card table number over limit');
  const names = new Set<string>();
  (Array.isArray(t.columns) ? t.columns : []).forEach((c, i) => {
    const p = `${at.path}.columns[${i}]`;
    if (!isObj(c)) return add(w, p, 'a column must be an object');
    checkAttrs(w, c, TABLE_COLUMN, p, []);
    if (typeof c.name !== 'string' || !c.name) add(w, `${p}.name`, 'column name is required');
    else if (names.has(c.name)) add(w, `${p}.name`, `column name ${c.name} is repeated`);
    else names.add(c.name);
  });
  if (isObj(t.header_style)) checkAttrs(w, t.header_style, TABLE_HEADER_STYLE, `${at.path}.header_style`, []);
  if (Array.isArray(t.rows) && t.rows.some((r) => !isObj(r))) add(w, `${at.path}.rows`, 'every row must be an object keyed by column name');
}

function claimName(w: Walk, name: unknown, path: string, needed: boolean): void {
  if (typeof name !== 'string' || !name) {
    if (needed) add(w, `${path}.name`, 'a component inside a form needs a name');
    return;
  }
  const first = w.names.get(name);
  if (first) add(w, `${path}.name`, `name ${name} is already used at ${first}; names must be unique within the card`);
  else w.names.set(name, path);
}

function checkForm(w: Walk, f: Obj, at: Where): void {
  if (!at.root) add(w, at.path, 'a form can only be placed at the root of body.elements');
  const buttons: Obj[] = [];
  const collect = (list: unknown): void => {
    if (!Array.isArray(list)) return;
    for (const e of list) {
      if (!isObj(e)) continue;
      if (e.tag === 'button') buttons.push(e);
      collect(e.elements);
      if (Array.isArray(e.columns)) for (const c of e.columns) if (isObj(c)) collect(c.elements);
    }
  };
  collect(f.elements);
  if (!buttons.some((b) => b.form_action_type === 'submit')) add(w, at.path, 'a form needs a button with form_action_type "submit"');
}

function checkElement(w: Walk, e: unknown, at: Where): void {
  if (!isObj(e) || typeof e.tag !== 'string') return add(w, at.path, 'an element must be an object with a tag');
  const spec = COMPONENTS[e.tag];
  if (!spec) return add(w, `${at.path}.tag`, `unsupported tag ${e.tag}`);
  checkAttrs(w, e, spec, at.path);
  for (const k of REQUIRED[e.tag] ?? []) if (e[k] === undefined) add(w, `${at.path}.${k}`, `${k} is required`);
  for (const k of TEXT_KEYS) if (e[k] !== undefined && e.tag !== 'chart') checkText(w, e[k], `${at.path}.${k}`);
  checkBehaviors(w, e.behaviors, at.path);
  checkOptions(w, e.options, at.path);
  if (FORM_FIELDS.has(e.tag)) claimName(w, e.name, at.path, at.form && (e.tag !== 'button' || e.form_action_type !== undefined));
  if (e.form_action_type !== undefined && !at.form) add(w, `${at.path}.form_action_type`, 'form_action_type is only allowed on a button inside a form');
  if (e.tag === 'table') checkTable(w, e, at);
  if (e.tag === 'form') {
    if (at.form) add(w, at.path, 'a form cannot be placed inside another form');
    claimName(w, e.name, at.path, true);
    checkForm(w, e, at);
  }
  if (e.tag === 'collapsible_panel' && isObj(e.header)) {
    checkAttrs(w, e.header, PANEL_HEADER, `${at.path}.header`, []);
    if (e.header.title !== undefined) checkText(w, e.header.title, `${at.path}.header.title`);
  }
  const inner: Where = { path: '', root: false, form: at.form || e.tag === 'form' };
  if (Array.isArray(e.elements)) e.elements.forEach((c, i) => checkElement(w, c, { ...inner, path: `${at.path}.elements[${i}]` }));
  if (e.tag === 'column_set' && Array.isArray(e.columns)) {
    e.columns.forEach((c, i) => {
      const p = `${at.path}.columns[${i}]`;
      if (!isObj(c) || c.tag !== 'column') return add(w, p, 'a column_set can only hold column elements');
      checkElement(w, c, { ...inner, path: p });
    });
  }
}

/** Lark counts every tagged node, plain_text and lark_md included, wherever it sits (header too). */
export function countElements(v: unknown): number {
  if (Array.isArray(v)) return v.reduce<number>((n, x) => n + countElements(x), 0);
  if (!isObj(v)) return 0;
  return (typeof v.tag === 'string' ? 1 : 0) + Object.values(v).reduce<number>((n, x) => n + countElements(x), 0);
}

export interface ValidateOptions {
  /** Byte length of the JSON as the API received it (the `content` string); defaults to JSON.stringify(card). */
  bytes?: number;
}

export function validateCard(card: unknown, opts: ValidateOptions = {}): CardIssue[] {
  const w: Walk = { issues: [], names: new Map(), tables: 0 };
  if (!isObj(card)) return [{ code: CARD_INVALID, subCode: CARD_SUBCODE, message: 'card must be a JSON object', path: '$' }];
  if (card.schema !== '2.0') add(w, '$.schema', 'schema must be "2.0"');
  checkAttrs(w, card, CARD_ROOT, '$', []);
  if (isObj(card.config)) checkAttrs(w, card.config, CARD_CONFIG, '$.config', []);
  if (isObj(card.header)) {
    checkAttrs(w, card.header, CARD_HEADER, '$.header', []);
    if (card.header.title !== undefined) checkText(w, card.header.title, '$.header.title');
    if (card.header.subtitle !== undefined) checkText(w, card.header.subtitle, '$.header.subtitle');
  }
  if (!isObj(card.body) || !Array.isArray(card.body.elements)) add(w, '$.body.elements', 'body.elements is required');
  else {
    checkAttrs(w, card.body, CARD_BODY, '$.body', []);
    card.body.elements.forEach((e, i) => checkElement(w, e, { path: `$.body.elements[${i}]`, root: true, form: false }));
  }
  const count = countElements(card);
  if (count > CARD_MAX_ELEMENTS) add(w, '$', `element exceeds the limit (${count} > ${CARD_MAX_ELEMENTS})`);
  const bytes = opts.bytes ?? Buffer.byteLength(JSON.stringify(card), 'utf8');
  if (bytes > CARD_MAX_BYTES) add(w, '$', `card content exceeds 30 KB (${bytes} bytes)`);
  return w.issues;
}
