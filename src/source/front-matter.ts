// The front matter of each kind, declared once, with the Chinese names a clerk writes its keys
// in: the kinds read their fields through these specs (kinds/fields.ts FieldReader.field),
// `gongwen init` publishes them as JSON Schema (kinds/json-schema.ts) so that an editor completes
// and checks the same keys the checks do, and the checks tell a field written in Chinese by its
// key (checks/field-text.ts). Here, in the source stage, because every later stage reads it.

export type FieldType = 'string' | 'strings' | 'date' | 'enum' | 'attachments' | 'records' | 'seal' | 'mm';

export interface FieldSpec {
  type: FieldType;
  /** The field's name in 公文 terms (发文字号), used in messages. */
  label: string;
  required?: boolean;
  /** What to write, for the editor's hover and completion. */
  description: string;
  /** `enum`: the allowed values. */
  values?: readonly string[];
}

export type KindSchema = Record<string, FieldSpec>;

export const NOTICE_SCHEMA = {
  issuer: { type: 'strings', label: '发文机关', required: true, description: '发文机关; a list for 联合行文 (lead office first)' },
  mark: { type: 'strings', label: '发文机关标志', description: '发文机关标志 lines. Default: issuer + 文件; a last line 文件 stands right of the others' },
  number: { type: 'string', label: '发文字号', description: '发文字号, e.g. 国科火字〔2020〕191号: 〔〕 around the full year, no leading zero, ends with 号' },
  title: { type: 'string', label: '标题', required: true, description: '标题, broken into balanced lines between words' },
  to: { type: 'string', label: '主送机关', description: '主送机关 (the colon is added)' },
  signature: { type: 'strings', label: '署名', description: '发文机关署名 (a list for several offices). Default: issuer' },
  date: { type: 'date', label: '成文日期', required: true, description: '成文日期: 2020-11-06 or 2020年11月6日' },
  note: { type: 'string', label: '附注', description: '附注; parentheses are added' },
  attachments: { type: 'attachments', label: '附件说明', description: '附件说明: a list of {title, file}; file (optional) is a .md annex or a .pdf merged at the end' },
  cc: { type: 'strings', label: '抄送', description: '抄送机关 (版记)' },
  printer: { type: 'string', label: '印发机关', description: '印发机关 (版记)' },
  printed: { type: 'date', label: '印发日期', description: '印发日期 (版记): 2020-11-09' },
  signers: { type: 'strings', label: '签发人', description: '签发人 (上行文)' },
  copy: { type: 'string', label: '份号', description: '份号' },
  secrecy: { type: 'string', label: '密级', description: '密级和保密期限' },
  urgency: { type: 'string', label: '紧急程度', description: '紧急程度: 特急 or 加急' },
  seal: { type: 'seal', label: '印章', description: '印章 (§7.3.5.1): true for the sealed form with space for a hand stamp, a PNG or SVG in the project, or a list (one per office)' },
  sealSize: { type: 'mm', label: '印章尺寸', description: '印章尺寸: the seal\'s width in mm, 20–60 (default 42)' },
} as const satisfies KindSchema;

const ORIENTATION = { type: 'enum', label: '页面方向', values: ['portrait', 'landscape'], description: 'portrait (default) or landscape' } as const satisfies FieldSpec;

export const ANNEX_SCHEMA = {
  title: { type: 'string', label: '标题', description: "标题 (an attached annex shows the notice's attachment title)" },
  orientation: ORIENTATION,
} as const satisfies KindSchema;

export const LIST_SCHEMA = {
  title: { type: 'string', label: '标题', description: "标题 (required on its own; an attached list shows the notice's attachment title)" },
  orientation: ORIENTATION,
  data: { type: 'string', label: '数据文件', description: 'the data: a CSV, XLSX, YAML or JSON file, relative to this file' },
  sheet: { type: 'string', label: '工作表', description: 'the XLSX sheet (default: the first)' },
  rows: { type: 'records', label: '数据', description: 'inline rows instead of data: a list of {column: value}' },
  columns: { type: 'strings', label: '列', description: 'which columns, in what order (default: all)' },
  number: { type: 'string', label: '序号列', description: 'an auto-numbered first column with this header, e.g. 序号' },
  merge: { type: 'strings', label: '合并列', description: 'columns whose equal adjacent cells merge vertically' },
} as const satisfies KindSchema;

export const PLAN_SCHEMA = {
  title: { type: 'string', label: '标题', required: true, description: '标题 of the plan (cover and PDF title)' },
  outline: { type: 'string', label: '提纲', description: 'the outline the plan follows: a shipped name (cluster-plan-2021) or a path to a YAML outline' },
  author: { type: 'string', label: '编制单位', description: '编制单位 (cover)' },
  date: { type: 'date', label: '日期', description: '日期 (cover): 2021-03-20' },
} as const satisfies KindSchema;

/** Every kind's front matter; `kind` itself is implied. A new kind adds one line. */
export const KIND_SCHEMAS: Record<string, KindSchema> = {
  notice: NOTICE_SCHEMA,
  annex: ANNEX_SCHEMA,
  list: LIST_SCHEMA,
  plan: PLAN_SCHEMA,
};

/** Short forms beside the labels, and `kind` itself. */
const EXTRA_ALIASES: Record<string, string> = {
  文种: 'kind',
  主送: 'to',
  附件: 'attachments',
  文号: 'number',
  发文机关署名: 'signature',
  抄送机关: 'cc',
  密级和保密期限: 'secrecy',
  方向: 'orientation',
};

/** 文种 names of the kinds: `kind: 通知` means kind notice. */
export const KIND_NAMES: Readonly<Record<string, string>> = {
  通知: 'notice',
  附件: 'annex',
  名单: 'list',
  规划: 'plan',
  申报书: 'application',
};

function aliasTable(): Map<string, string> {
  const table = new Map<string, string>(Object.entries(EXTRA_ALIASES));
  for (const schema of Object.values(KIND_SCHEMAS)) {
    for (const [key, spec] of Object.entries(schema)) {
      const had = table.get(spec.label);
      // One name, two fields (none today): neither is guessed.
      if (had !== undefined && had !== key) throw new Error(`front-matter alias ${spec.label} names both ${had} and ${key}`);
      table.set(spec.label, key);
    }
  }
  return table;
}

/** Chinese name → key (主送 → to, 成文日期 → date): each field's label, and the short forms. */
export const KEY_ALIASES: ReadonlyMap<string, string> = aliasTable();
