// A kind's front matter as JSON Schema (draft-07, what yaml-language-server reads), generated
// from the same specs the kinds read their fields with (schema.ts). `gongwen init` writes it
// into a new project and points the content file at it with a `# yaml-language-server:` line.

import { DATE_FORMS, KIND_SCHEMAS, type FieldSpec } from './schema.js';

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

/** The JSON Schema of `kind`'s front matter; other keys are allowed (templates may use them). */
export function jsonSchemaOf(kind: string): Record<string, unknown> {
  const fields = KIND_SCHEMAS[kind];
  if (!fields) throw new Error(`no schema for kind "${kind}"`);
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    title: `gongwen ${kind} front matter`,
    type: 'object',
    required: ['kind', ...Object.entries(fields).filter(([, s]) => s.required).map(([k]) => k)],
    properties: {
      kind: { const: kind, description: `the kind of document: ${Object.keys(KIND_SCHEMAS).join(', ')}` },
      ...Object.fromEntries(Object.entries(fields).map(([k, s]) => [k, property(s)])),
    },
    additionalProperties: true,
  };
}
