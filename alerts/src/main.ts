import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { readCatalog } from './catalog.js';
import { EXAMPLE_CATALOG, generatedFiles } from './generate.js';

const alertsDir = resolve(import.meta.dirname, '..');
const repoRoot = resolve(alertsDir, '..');

// Usage: npm run generate -w alerts [-- --catalog path --out dir]
const { values } = parseArgs({
  options: {
    catalog: { type: 'string', default: resolve(repoRoot, EXAMPLE_CATALOG) },
    out: { type: 'string', default: alertsDir },
  },
});

const catalogPath = resolve(values.catalog);
const outDir = resolve(values.out);
const files = generatedFiles(readCatalog(catalogPath), relative(repoRoot, catalogPath));

for (const [path, content] of files) {
  const target = resolve(outDir, path);
  mkdirSync(dirname(target), { recursive: true });
  writeFileSync(target, content);
  process.stdout.write(`wrote ${relative(process.cwd(), target)}\n`);
}
