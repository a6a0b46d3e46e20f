import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { EXAMPLE_CATALOG } from '../../src/config/defaults.js';
import { CatalogInvalidError, loadCatalogFile, parseCatalog } from '../../src/catalog/load.js';
import { catalogJsonSchema } from '../../src/catalog/schema-document.js';

const exampleText = readFileSync(EXAMPLE_CATALOG, 'utf8');

function example(): Record<string, any> {
  return parse(exampleText) as Record<string, any>;
}

function problemsOf(text: string) {
  try {
    parseCatalog(text, 'test.yaml');
  } catch (err) {
    if (err instanceof CatalogInvalidError) return err.problems;
    throw err;
  }
  throw new Error('the catalog was accepted');
}

function problemsOfDoc(doc: unknown) {
  return problemsOf(stringify(doc)).map(({ path, value, expected }) => ({ path, value, expected }));
}

describe('the business service catalog', () => {
  it('loads the example: four plants in two regions, the reference flows', async () => {
    const catalog = await loadCatalogFile(EXAMPLE_CATALOG);

    expect([...catalog.plants.keys()]).toEqual(['de-stu', 'cz-pls', 'us-clt', 'mx-qro']);
    expect(new Set(catalog.spec.plants.map((p) => p.region))).toEqual(new Set(['emea', 'amer']));
    expect(catalog.interfaces.get('mes-erp-completion')).toMatchObject({
      source: 'mes', target: 'erp', pattern: 'async-event', process: 'production-confirmation',
      latencyObjectiveSeconds: 60, successObjective: 0.995,
      prerequisites: ['erp-mes-production-order'],
    });
    expect(catalog.ownerFor('mes-erp-completion', 'posting_rule')).toBe('production-controlling');
    expect(catalog.ownerFor('mes-erp-completion', 'mapping')).toBe('integration-team');
    expect(catalog.latencyObjectives()).toEqual([30, 60, 120, 300, 900, 3600]);
  });

  it('lists every schema error with path, value and expectation', () => {
    const doc = example();
    doc.plants[1].region = 42;
    doc.processes[0].criticality = 'urgent';
    doc.interfaces[0].successObjective = 1.5;
    doc.interfaces[1].pattern = 'carrier-pigeon';
    delete doc.interfaces[2].runbook;
    doc.interfaces[3].colour = 'blue';

    expect(problemsOfDoc(doc)).toEqual([
      { path: '/plants/1/region', value: 42, expected: 'a value of type string' },
      { path: '/processes/0/criticality', value: 'urgent',
        expected: 'one of critical, high, medium, low' },
      { path: '/interfaces/0/successObjective', value: 1.5, expected: 'a number < 1' },
      { path: '/interfaces/1/pattern', value: 'carrier-pigeon',
        expected: 'one of sync-api, async-event, batch' },
      { path: '/interfaces/2/runbook', value: undefined, expected: 'this required field' },
      { path: '/interfaces/3/colour', value: 'blue',
        expected: 'no such field (it is not part of the format)' },
    ]);
  });

  it('lists every reference to something undeclared', () => {
    const doc = example();
    doc.plants[0].region = 'apac';
    doc.interfaces[0].target = 'sap-ecc';
    doc.interfaces[0].plants = ['de-stu', 'fr-lyo'];
    doc.interfaces[1].process = 'invoicing';
    doc.interfaces[2].prerequisites = ['no-such-interface'];
    doc.domains[0].systemOfRecord = 'mainframe';

    const found = problemsOfDoc(doc).map(({ path, value }) => ({ path, value }));
    expect(found).toEqual([
      { path: '/plants/0/region', value: 'apac' },
      { path: '/domains/0/systemOfRecord', value: 'mainframe' },
      { path: '/interfaces/0/target', value: 'sap-ecc' },
      { path: '/interfaces/0/plants/1', value: 'fr-lyo' },
      { path: '/interfaces/1/process', value: 'invoicing' },
      { path: '/interfaces/2/prerequisites/0', value: 'no-such-interface' },
    ]);
  });

  it('refuses duplicate ids, a flow into its own source and prerequisite cycles', () => {
    const doc = example();
    doc.plants[1].id = 'de-stu';
    doc.interfaces[0].target = doc.interfaces[0].source;
    doc.interfaces[1].prerequisites = ['mes-erp-completion'];

    const found = problemsOfDoc(doc);
    expect(found).toContainEqual({ path: '/plants/1/id', value: 'de-stu',
      expected: 'an id not used before in /plants' });
    expect(found).toContainEqual({ path: '/interfaces/0/target', value: 'planning-saas',
      expected: 'a target system other than the source' });
    expect(found.filter((p) => p.path.endsWith('/prerequisites')).map((p) => p.path))
      .toEqual(['/interfaces/1/prerequisites', '/interfaces/3/prerequisites']);
  });

  it('refuses a classification rule whose pattern is not a regular expression', () => {
    const doc = example();
    doc.interfaces[0].classification = [{ class: 'mapping', message: '(unclosed' }];

    expect(problemsOfDoc(doc)).toEqual([{
      path: '/interfaces/0/classification/0/message', value: '(unclosed',
      expected: 'a valid regular expression (Invalid regular expression: /(unclosed/i: Unterminated group)',
    }]);
  });

  it('gives the line of each problem in the YAML file', () => {
    const text = exampleText.replace('criticality: critical', 'criticality: 3');
    const [found] = problemsOf(text);

    const line = exampleText.split('\n').findIndex((l) => l.includes('criticality: critical')) + 1;
    expect(found).toMatchObject({ path: '/processes/3/criticality', value: 3, line });
  });

  it('reports YAML syntax errors with their line', () => {
    expect(problemsOf('version: 1\nplants: [\n')).toMatchObject([
      { path: '', expected: 'valid YAML', line: 3 },
    ]);
  });

  it('names the file it cannot read', async () => {
    await expect(loadCatalogFile('/nonexistent/catalog.yaml')).rejects.toMatchObject({
      problems: [{ value: '/nonexistent/catalog.yaml',
        expected: 'a readable catalog file (ENOENT)' }],
    });
  });
});

describe('catalog.schema.json', () => {
  it('is the schema the collector validates with', () => {
    const committed = readFileSync(new URL('../../catalog/catalog.schema.json', import.meta.url), 'utf8');
    expect(committed).toBe(catalogJsonSchema());
  });
});
