import { readFile } from 'node:fs/promises';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import type { Catalog } from '../../src/catalog/catalog.js';
import { loadCatalogFile, parseCatalog } from '../../src/catalog/load.js';
import type { CatalogSpec } from '../../src/catalog/schema.js';
import { EXAMPLE_CATALOG } from '../../src/config/defaults.js';
import {
  classify,
  RECOMMENDED_ACTIONS,
  type FailureSignal,
} from '../../src/exceptions/classify.js';

let example: Catalog;
let withRules: Catalog;

beforeAll(async () => {
  example = await loadCatalogFile(EXAMPLE_CATALOG);
  const spec = parse(await readFile(EXAMPLE_CATALOG, 'utf8')) as CatalogSpec;
  const completion = spec.interfaces.find((i) => i.id === 'mes-erp-completion');
  if (!completion) throw new Error('the example catalog lost mes-erp-completion');
  completion.classification = [
    { class: 'posting_rule', code: '^E_MATERIAL$' },
    { class: 'sequence_dependency', message: 'waiting for order', httpStatus: [422] },
  ];
  withRules = parseCatalog(stringify(spec), 'example with interface rules');
});

function failure(overrides: Partial<FailureSignal>): FailureSignal {
  return {
    interfaceId: 'mes-erp-completion',
    categoryHint: null,
    code: null,
    message: null,
    httpStatus: null,
    ...overrides,
  };
}

const MATERIAL = { code: 'E_MATERIAL', message: 'Unknown material MAT-0123 in ERP' };

describe('classify: which rule decides', () => {
  it('takes the interface rule before the category hint and the shipped rules', () => {
    const result = classify(withRules, failure({ ...MATERIAL, categoryHint: 'mapping' }));

    expect(result.class).toBe('posting_rule');
  });

  it('matches interface rules without regard to case', () => {
    expect(classify(withRules, failure({ code: 'e_material' })).class).toBe('posting_rule');
  });

  it('needs every condition of an interface rule', () => {
    const waiting = { message: 'Still waiting for order PO-CZ-PLS-000001' };

    expect(classify(withRules, failure({ ...waiting, httpStatus: 422 })).class)
      .toBe('sequence_dependency');
    expect(classify(withRules, failure({ ...waiting, httpStatus: 400 })).class).toBe('unknown');
  });

  it('applies an interface rule to that interface only', () => {
    const other = failure({ ...MATERIAL, interfaceId: 'mes-erp-consumption' });

    expect(classify(withRules, other).class).toBe('invalid_master_data');
  });

  it('takes the category hint before the shipped rules', () => {
    const timeout = { code: 'ETIMEDOUT', httpStatus: 504 };

    expect(classify(example, failure({ ...timeout, categoryHint: 'duplicate' })).class)
      .toBe('duplicate');
    expect(classify(withRules, failure({ ...MATERIAL, interfaceId: 'mes-erp-consumption',
      categoryHint: 'mapping' })).class).toBe('mapping');
  });

  it('ignores a hint that is not a class of the taxonomy', () => {
    const result = classify(example, failure({ code: 'ETIMEDOUT', categoryHint: 'flaky' }));

    expect(result.class).toBe('transient');
  });

  it('falls back to unknown when nothing recognises the failure', () => {
    const result = classify(example, failure({ code: 'E4711', message: 'Something went wrong' }));

    expect(result.class).toBe('unknown');
    expect(result.recommendedAction).toBe(RECOMMENDED_ACTIONS.unknown);
  });
});

describe('classify: owner, severity and action', () => {
  it('takes the owner from the interface override, else from the catalog default', () => {
    const owner = (interfaceId: string, code: string) =>
      classify(example, failure({ interfaceId, code })).owner;

    expect(owner('mes-erp-completion', 'PERIOD_CLOSED')).toBe('production-controlling');
    expect(owner('mes-erp-completion', 'SYSTEM_DOWN')).toBe('mes-plant-support');
    expect(owner('mes-erp-completion', 'ETIMEDOUT')).toBe('integration-ops');
    expect(owner('erp-wms-shipment', 'SYSTEM_DOWN')).toBe('logistics-it');
    expect(owner('planning-erp-demand-plan', 'PERIOD_CLOSED')).toBe('erp-support');
    expect(owner('planning-erp-demand-plan', 'UNKNOWN_MATERIAL')).toBe('master-data-stewards');
  });

  it('takes the catalog default owner for an interface the catalog does not know', () => {
    const result = classify(example, failure({ interfaceId: 'legacy-edi', code: 'SYSTEM_DOWN' }));

    expect(result.class).toBe('upstream_outage');
    expect(result.owner).toBe('integration-ops');
    expect(result.severity).toBe('medium');
  });

  it('sets severity from the criticality of the business process', () => {
    const severity = (interfaceId: string) =>
      classify(example, failure({ interfaceId, code: 'MAPPING_ERROR' })).severity;

    expect(severity('mes-erp-completion')).toBe('critical');
    expect(severity('mes-erp-consumption')).toBe('high');
    expect(severity('qms-erp-quality-result')).toBe('medium');
    expect(severity('procurement-erp-supplier-master')).toBe('low');
  });

  it('recommends the remediation of the class', () => {
    const result = classify(example, failure({ code: 'DUPLICATE_DOCUMENT' }));

    expect(result.recommendedAction)
      .toBe('never replay; confirm the target has the document and resolve');
  });
});

describe('classify: fingerprint', () => {
  const fingerprint = (overrides: Partial<FailureSignal>) =>
    classify(example, failure({ ...MATERIAL, ...overrides })).fingerprint;

  it('is a fixed digest of interface, class, code and wording', () => {
    // Stored fingerprints group exceptions: a change here splits existing groups.
    expect(fingerprint({})).toBe('92da8871273a55cc');
  });

  it('stays the same when only the numbers or the case of the wording differ', () => {
    expect(fingerprint({ message: 'Unknown material MAT-9876 in ERP' }))
      .toBe(fingerprint({}));
    expect(fingerprint({ message: 'UNKNOWN MATERIAL MAT-1 IN ERP' })).toBe(fingerprint({}));
  });

  it('changes with the wording, the code, the interface and the class', () => {
    const base = fingerprint({});

    expect(fingerprint({ message: 'Unknown supplier MAT-0123 in ERP' })).not.toBe(base);
    expect(fingerprint({ code: 'E_MATERIAL_2' })).not.toBe(base);
    expect(fingerprint({ interfaceId: 'mes-erp-consumption' })).not.toBe(base);
    expect(fingerprint({ categoryHint: 'mapping' })).not.toBe(base);
  });
});
