import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXAMPLE_CATALOG, generatedFiles } from '../src/generate.js';
import { alertsDir, exampleCatalog } from './support/files.js';

describe('generated rules and routing', () => {
  const files = generatedFiles(exampleCatalog(), EXAMPLE_CATALOG);

  it.each([...files.keys()])('committed %s matches the catalog (else: npm run generate -w alerts)', (path) => {
    const committed = readFileSync(resolve(alertsDir, path), 'utf8');

    expect(committed).toBe(files.get(path));
  });

  it('writes one rules file per component and the Alertmanager configuration', () => {
    expect([...files.keys()]).toEqual([
      'rules/slo.rules.yml',
      'rules/backlog.rules.yml',
      'rules/staleness.rules.yml',
      'rules/replay.rules.yml',
      'rules/exceptions.rules.yml',
      'rules/outage.rules.yml',
      'rules/collector.rules.yml',
      'alertmanager/alertmanager.yml',
    ]);
  });
});
