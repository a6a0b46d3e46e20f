// Writes catalog/catalog.schema.json from the TypeBox definition the
// collector validates with, so editors and CI see the same schema.
import { writeFileSync } from 'node:fs';
import { catalogJsonSchema } from '../dist/catalog/schema-document.js';

const target = new URL('../catalog/catalog.schema.json', import.meta.url);
writeFileSync(target, catalogJsonSchema());
console.log(`wrote ${target.pathname}`);
