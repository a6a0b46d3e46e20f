import { readFileSync, readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse } from 'yaml';
import { readCatalog, type Catalog } from '../../src/catalog.js';
import { EXAMPLE_CATALOG } from '../../src/generate.js';
import type { AlertingRule, RuleGroup } from '../../src/rules/types.js';

export const alertsDir = resolve(import.meta.dirname, '../..');
export const repoRoot = resolve(alertsDir, '..');
export const rulesDir = resolve(alertsDir, 'rules');
export const promtoolTestsDir = resolve(alertsDir, 'test/promtool');

/** The example catalog the committed files come from. */
export function exampleCatalog(): Catalog {
  return readCatalog(resolve(repoRoot, EXAMPLE_CATALOG));
}

/** Absolute paths of the committed rules files. */
export function ruleFilePaths(): string[] {
  return listYaml(rulesDir);
}

/** Absolute paths of the promtool rule test files. */
export function promtoolTestPaths(): string[] {
  return listYaml(promtoolTestsDir);
}

/** Every alerting rule of the committed rules files. */
export function committedAlerts(): AlertingRule[] {
  return ruleFilePaths().flatMap((path) => {
    const doc = parse(readFileSync(path, 'utf8')) as { groups: RuleGroup[] };
    return doc.groups.flatMap((g) => g.rules).filter((r): r is AlertingRule => 'alert' in r);
  });
}

function listYaml(dir: string): string[] {
  return readdirSync(dir)
    .filter((name) => name.endsWith('.yml'))
    .sort()
    .map((name) => resolve(dir, name));
}
