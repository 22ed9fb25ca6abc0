/**
 * Attribute tables of the Card JSON 2.0 components the bot uses, as the open platform documents them
 * (sources: docs/feishu-facts.md). Card 2.0 refuses attributes it does not know ("传入不支持的属性将报错"),
 * so a name missing here is an error, not a warning. A check returns a problem text or null.
 */
export type Check = (v: unknown) => string | null;
export type AttrSpec = Record<string, Check>;

const isStr = (v: unknown): v is string => typeof v === 'string';
const px = (v: string): number | null => (/^-?\d+px$/.test(v) ? Number(v.slice(0, -2)) : null);

export const any: Check = () => null;
export const str: Check = (v) => (isStr(v) ? null : 'must be a string');
export const bool: Check = (v) => (typeof v === 'boolean' ? null : 'must be true or false');
export const obj: Check = (v) => (typeof v === 'object' && v !== null && !Array.isArray(v) ? null : 'must be an object');
export const arr: Check = (v) => (Array.isArray(v) ? null : 'must be an array');

export function oneOf(...values: string[]): Check {
  return (v) => (isStr(v) && values.includes(v) ? null : `must be one of ${values.join(', ')}`);
}

export function int(min: number, max = Number.MAX_SAFE_INTEGER): Check {
  return (v) => (Number.isInteger(v) && (v as number) >= min && (v as number) <= max ? null : `must be an integer in [${min}, ${max}]`);
}

/** An enum word, or a pixel value in [min, max]. */
export function wordOrPx(words: string[], min: number, max: number): Check {
  return (v) => {
    if (isStr(v) && words.includes(v)) return null;
    const n = isStr(v) ? px(v) : null;
    return n !== null && n >= min && n <= max ? null : `must be one of ${words.join(', ')} or [${min},${max}]px`;
  };
}

const SPACING = wordOrPx(['small', 'medium', 'large', 'extra_large'], 0, 99);
const H_ALIGN = oneOf('left', 'center', 'right');
const V_ALIGN = oneOf('top', 'center', 'bottom');
const WIDTH = wordOrPx(['default', 'fill'], 100, 100_000);

/** 2.0 adds these two to every component (divider page: element_id ≤ 20 chars, letter first). */
const COMMON: AttrSpec = {
  element_id: (v) => (isStr(v) && /^[A-Za-z][A-Za-z0-9_]{0,19}$/.test(v) ? null : 'must start with a letter, use letters, digits or _, at most 20 chars'),
  margin: str,
};

/** `plain_text` / `lark_md` text objects; an unknown text_size falls back to normal (documented), so any string passes. */
export const TEXT: AttrSpec = { content: str, text_size: str, text_align: H_ALIGN, text_color: str, lines: int(1), i18n_content: obj };

const LAYOUT: AttrSpec = {
  direction: oneOf('vertical', 'horizontal'),
  horizontal_spacing: SPACING,
  vertical_spacing: SPACING,
  horizontal_align: H_ALIGN,
  vertical_align: V_ALIGN,
  padding: str,
};

const INTERACTIVE: AttrSpec = { name: str, required: bool, disabled: bool, disabled_tips: obj, confirm: obj, behaviors: arr, width: WIDTH };

export const COMPONENTS: Record<string, AttrSpec> = {
  markdown: { ...COMMON, content: str, text_size: str, text_align: H_ALIGN, icon: obj, i18n_content: obj },
  hr: { ...COMMON },
  div: { ...COMMON, text: obj, icon: obj },
  img: { ...COMMON, img_key: str, alt: obj, title: obj, corner_radius: str, scale_type: oneOf('crop_center', 'crop_top', 'fit_horizontal'), size: str, transparent: bool, preview: bool },
  button: {
    ...COMMON,
    ...INTERACTIVE,
    text: obj,
    type: oneOf('default', 'primary', 'danger', 'text', 'primary_text', 'danger_text', 'primary_filled', 'danger_filled', 'laser'),
    size: oneOf('tiny', 'small', 'medium', 'large'),
    icon: obj,
    hover_tips: obj,
    form_action_type: oneOf('submit', 'reset'),
  },
  input: {
    ...COMMON,
    ...INTERACTIVE,
    placeholder: obj,
    default_value: str,
    max_length: int(1, 1000),
    label: obj,
    label_position: oneOf('top', 'left'),
    input_type: oneOf('text', 'multiline_text', 'password'),
    rows: int(1),
    auto_resize: bool,
    max_rows: int(1),
    show_icon: bool,
  },
  select_static: { ...COMMON, ...INTERACTIVE, options: arr, type: oneOf('default', 'text'), placeholder: obj, initial_option: str, initial_index: int(0) },
  multi_select_static: { ...COMMON, ...INTERACTIVE, options: arr, type: oneOf('default', 'text'), placeholder: obj, selected_values: arr },
  form: { ...COMMON, ...LAYOUT, name: str, elements: arr },
  column_set: {
    ...COMMON,
    columns: arr,
    flex_mode: oneOf('none', 'stretch', 'flow', 'bisect', 'trisect'),
    horizontal_spacing: SPACING,
    horizontal_align: H_ALIGN,
    background_style: str,
    action: obj,
  },
  column: { ...COMMON, ...LAYOUT, elements: arr, width: wordOrPx(['auto', 'weighted'], 16, 600), weight: int(1, 5), background_style: str, action: obj },
  collapsible_panel: { ...COMMON, ...LAYOUT, header: obj, elements: arr, expanded: bool, background_color: str, border: obj },
  table: {
    ...COMMON,
    columns: arr,
    rows: arr,
    page_size: int(1, 10),
    row_height: wordOrPx(['low', 'middle', 'high', 'auto'], 32, 124),
    row_max_height: wordOrPx([], 32, 999),
    freeze_first_column: bool,
    header_style: obj,
  },
  chart: {
    ...COMMON,
    chart_spec: obj,
    aspect_ratio: oneOf('1:1', '2:1', '4:3', '16:9'),
    color_theme: oneOf('brand', 'rainbow', 'complementary', 'converse', 'primary'),
    height: wordOrPx(['auto'], 1, 999),
    preview: bool,
  },
  person: { ...COMMON, user_id: str, size: oneOf('extra_small', 'small', 'medium', 'large'), show_avatar: bool, show_name: bool, style: oneOf('normal', 'capsule') },
  person_list: { ...COMMON, persons: arr, size: oneOf('extra_small', 'small', 'medium', 'large'), show_avatar: bool, show_name: bool, lines: int(1), icon: obj, drop_invalid_user_id: bool },
};

/** Attributes a component cannot do without. */
export const REQUIRED: Record<string, string[]> = {
  markdown: ['content'],
  form: ['name', 'elements'],
  column_set: ['columns'],
  table: ['columns', 'rows'],
  chart: ['chart_spec'],
  person: ['user_id'],
  person_list: ['persons'],
  collapsible_panel: ['header'],
  img: ['img_key'],
};

const WIDTH_TABLE = wordOrPx(['auto'], 80, 600);
export const TABLE_COLUMN: AttrSpec = {
  name: str,
  display_name: str,
  data_type: oneOf('text', 'lark_md', 'markdown', 'number', 'options', 'persons', 'date'),
  width: (v) => (isStr(v) && (/^\d+%$/.test(v) || WIDTH_TABLE(v) === null) ? null : 'must be auto, [80,600]px or a percentage'),
  horizontal_align: H_ALIGN,
  vertical_align: V_ALIGN,
  format: obj,
  date_format: str,
};

export const TABLE_HEADER_STYLE: AttrSpec = { text_align: H_ALIGN, text_size: str, background_style: oneOf('grey', 'none'), text_color: str, bold: bool, lines: int(1) };

export const CARD_ROOT: AttrSpec = { schema: any, config: obj, card_link: obj, header: obj, body: obj };
export const CARD_CONFIG: AttrSpec = {
  streaming_mode: bool,
  streaming_config: obj,
  summary: obj,
  locales: arr,
  enable_forward: bool,
  enable_forward_interaction: bool,
  // "JSON 2.0 结构暂时仅支持共享卡片 … update_multi 参数仅支持设为 true"
  update_multi: (v) => (v === true ? null : 'Card JSON 2.0 supports only update_multi: true'),
  width_mode: oneOf('default', 'compact', 'fill'),
  use_custom_translation: bool,
  style: obj,
};
export const CARD_HEADER: AttrSpec = {
  title: obj,
  subtitle: obj,
  text_tag_list: arr,
  i18n_text_tag_list: obj,
  template: oneOf('blue', 'wathet', 'turquoise', 'green', 'yellow', 'orange', 'red', 'carmine', 'violet', 'purple', 'indigo', 'grey', 'default'),
  icon: obj,
  padding: str,
  i18n_title: obj,
  i18n_subtitle: obj,
};
export const CARD_BODY: AttrSpec = { ...LAYOUT, elements: arr };

export const BEHAVIOR_TYPES = ['callback', 'open_url'];
export const TEXT_TAGS = new Set(['plain_text', 'lark_md']);
/** Components that hand a value to a form submit, so need a card-unique `name` inside a form. */
export const FORM_FIELDS = new Set(['input', 'select_static', 'multi_select_static', 'button']);
