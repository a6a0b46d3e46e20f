import { beforeAll, describe, expect, it } from 'vitest';
import type { Catalog } from '../../src/catalog/catalog.js';
import { loadCatalogFile } from '../../src/catalog/load.js';
import { EXAMPLE_CATALOG } from '../../src/config/defaults.js';
import { classify } from '../../src/exceptions/classify.js';
import { EXCEPTION_CLASSES } from '../../src/exceptions/taxonomy.js';
import { injectedError, type InjectedError } from '../../src/simulator/failures.js';

const INJECTABLE = EXCEPTION_CLASSES.filter((c) => c !== 'unknown');

// Business keys as the flow models make them, one of each kind.
const KEYS = [
  'PO-CZ-PLS-000123', 'DP-DE-STU-0000042', 'MD-US-CLT-0001234', 'DL-MX-QRO-0000007',
  'RP-CZ-PLS-0009999', 'SUP-10450', 'IL-DE-STU-0000310', 'msg-0a1b2c3d4e5f60718293',
];

let catalog: Catalog;

beforeAll(async () => {
  catalog = await loadCatalogFile(EXAMPLE_CATALOG);
});

describe('injectedError', () => {
  it.each<[string, InjectedError]>([
    ['transient', { code: 'ETIMEDOUT', message: 'Timed out after 30000 ms waiting for ERP',
      httpStatus: 504 }],
    ['invalid_master_data', { code: 'E_MATERIAL', message: 'Unknown material MAT-0123 in ERP' }],
    ['mapping', { code: 'MAPPING_ERROR',
      message: 'Cannot map unit of measure "PAL" to the target format' }],
    ['sequence_dependency', { code: 'ORDER_NOT_FOUND',
      message: 'Production order PO-CZ-PLS-000123 does not exist yet' }],
    ['posting_rule', { code: 'PERIOD_CLOSED',
      message: 'Posting period 11/2026 is closed for company code 1000' }],
    ['upstream_outage', { code: 'SYSTEM_DOWN', message: 'ERP system unavailable',
      httpStatus: 503 }],
    ['duplicate', { code: 'DUPLICATE_DOCUMENT',
      message: 'Document for PO-CZ-PLS-000123 already posted', httpStatus: 409 }],
  ])('words a %s failure as the target would', (cls, expected) => {
    const error = injectedError(cls as (typeof INJECTABLE)[number], 'erp', 'PO-CZ-PLS-000123');

    expect(error).toEqual(expected);
  });

  it('names a material from the last digits of the key', () => {
    expect(injectedError('invalid_master_data', 'wms', 'SUP-10450').message)
      .toBe('Unknown material MAT-0450 in WMS');
    expect(injectedError('invalid_master_data', 'mes', 'DOC-7').message)
      .toBe('Unknown material MAT-0007 in MES');
  });

  it('covers every class of the taxonomy but unknown', () => {
    expect(INJECTABLE).toEqual([
      'transient', 'invalid_master_data', 'mapping', 'sequence_dependency', 'posting_rule',
      'upstream_outage', 'duplicate',
    ]);
  });
});

describe('injected errors under the shipped classification rules', () => {
  it.each(INJECTABLE)('classifies %s on every interface, target and key as that class', (cls) => {
    const classes = new Set<string>();
    for (const itf of catalog.spec.interfaces) {
      for (const key of KEYS) {
        const error = injectedError(cls, itf.target, key);
        classes.add(classify(catalog, {
          interfaceId: itf.id,
          categoryHint: null,
          code: error.code,
          message: error.message,
          httpStatus: error.httpStatus ?? null,
        }).class);
      }
    }

    expect([...classes]).toEqual([cls]);
  });

  it.each(INJECTABLE)('classifies %s by its wording alone, without code or status', (cls) => {
    const error = injectedError(cls, 'erp', 'PO-CZ-PLS-000123');
    const byMessage = classify(catalog, { interfaceId: 'mes-erp-completion', categoryHint: null,
      code: null, message: error.message, httpStatus: null });

    expect(byMessage.class).toBe(cls);
  });
});
