// A kind's front matter as JSON Schema (draft-07, what yaml-language-server reads), generated
// from the same specs the kinds read their fields with (schema.ts). `gongwen init` writes it
// into a new project and points the content file at it with a `# yaml-language-server:` line.

import { KEY_ALIASES, KIND_NAMES, KIND_SCHEMAS, type FieldSpec } from '../source/front-matter.js';
import { DATE_FORMS } from '../util/dates.js';

/** The date-format check's own two forms (schema.ts), as one pattern. */
export const DATE_PATTERN = `${DATE_FORMS.iso.source}|${DATE_FORMS.chinese.source}`;

function property(spec: FieldSpec): Record<string, unknown> {
  const description = spec.description.startsWith(spec.label) ? spec.description : `${spec.label}: ${spec.description}`;
  const base = { title: spec.label, description };
  const text = { type: ['string', 'number'] };
  switch (spec.type) {
    case 'string':
      return { ...base, ...text };
    case 'strings':
      return { ...base, anyOf: [text, { type: 'array', items: text }] };
    case 'date':
      return { ...base, type: 'string', pattern: DATE_PATTERN };
    case 'enum':
      return { ...base, enum: [...(spec.values ?? [])] };
    case 'records':
      return { ...base, type: 'array', items: { type: 'object' } };
    case 'seal': {
      const one = { anyOf: [{ type: 'boolean' }, { type: 'string' }] };
      return { ...base, anyOf: [...one.anyOf, { type: 'array', items: one }] };
    }
    case 'mm':
      return { ...base, anyOf: [{ type: 'number' }, { type: 'string', pattern: '^\\s*\\d+(\\.\\d+)?\\s*(mm)?\\s*$' }] };
    case 'attachments':
      return {
        ...base,
        type: 'array',
        items: {
          anyOf: [
            { type: 'string' },
            {
              type: 'object',
              required: ['title'],
              properties: { title: { type: 'string', description: '附件名称 (no punctuation at the end)' }, file: { type: 'string', description: 'a .md annex or a .pdf, relative to this file' } },
            },
          ],
        },
      };
  }
}

/** The names a field may be written with: its key, then its Chinese names (aliases.ts). */
function namesOf(key: string): string[] {
  return [key, ...[...KEY_ALIASES].filter(([, k]) => k === key).map(([alias]) => alias)];
}

/**
 * The JSON Schema of `kind`'s front matter; other keys are allowed (templates may use them). A
 * field's Chinese names (主送, 成文日期…) are properties with the same schema, and a required
 * field is satisfied by any of its names; `kind` takes the kind or its 文种 name (通知).
 */
export function jsonSchemaOf(kind: string): Record<string, unknown> {
  const fields = KIND_SCHEMAS[kind];
  if (!fields) throw new Error(`no schema for kind "${kind}"`);
  const kindNames = [kind, ...Object.entries(KIND_NAMES).filter(([, k]) => k === kind).map(([name]) => name)];
  const kindProperty = { enum: kindNames, description: `the kind of document (文种): ${Object.keys(KIND_SCHEMAS).join(', ')}` };
  const required = ['kind', ...Object.entries(fields).filter(([, s]) => s.required).map(([k]) => k)];
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    title: `gongwen ${kind} front matter`,
    type: 'object',
    allOf: required.map((k) => ({ anyOf: namesOf(k).map((name) => ({ required: [name] })) })),
    properties: {
      ...Object.fromEntries(namesOf('kind').map((name) => [name, kindProperty])),
      ...Object.fromEntries(Object.entries(fields).flatMap(([k, s]) => namesOf(k).map((name) => [name, property(s)]))),
    },
    additionalProperties: true,
  };
}
