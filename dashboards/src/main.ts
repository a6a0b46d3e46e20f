import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { dashboards, jsonPath, render } from './index.js';

// Usage: npm run generate -w dashboards
const root = resolve(import.meta.dirname, '..');

for (const dashboard of dashboards()) {
  const target = resolve(root, jsonPath(dashboard));
  mkdirSync(dirname(target), { recursive: true });
  writeFileSync(target, render(dashboard));
  process.stdout.write(`wrote dashboards/${jsonPath(dashboard)}\n`);
}
