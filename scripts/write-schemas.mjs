// Writes schemas/<kind>.schema.json — each kind's front matter as JSON Schema, from the field
// specs the kinds read with (src/source/front-matter.ts) — into the package, for editors that point at
// an installed gongwen. Run by `npm run build` and `prepare`, after tsc.
import { mkdirSync, writeFileSync } from 'node:fs';
import { KIND_SCHEMAS } from '../dist/source/front-matter.js';
import { jsonSchemaOf } from '../dist/kinds/json-schema.js';

const dir = new URL('../schemas/', import.meta.url);
mkdirSync(dir, { recursive: true });
for (const kind of Object.keys(KIND_SCHEMAS)) writeFileSync(new URL(`${kind}.schema.json`, dir), JSON.stringify(jsonSchemaOf(kind), null, 2) + '\n');
