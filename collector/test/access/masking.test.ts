import { describe, expect, it } from 'vitest';
import { MASK, maskPayload, parseFieldPath } from '../../src/access/masking.js';

function goodsReceipt() {
  return {
    document: '5000012345',
    supplier: { id: 'S-100', bankAccount: 'DE89370400440532013000', iban: 'DE8937' },
    lines: [
      { item: 'M-1', price: 12.5, qty: 3 },
      { item: 'M-2', price: 7, qty: 1 },
    ],
    payment: { iban: 'FR7630006000', terms: { iban: 'NL91ABNA' } },
    notes: null,
  };
}

describe('maskPayload', () => {
  it('masks a child path and keeps every other value', () => {
    expect(maskPayload(goodsReceipt(), ['$.supplier.bankAccount'])).toEqual({
      ...goodsReceipt(),
      supplier: { id: 'S-100', bankAccount: MASK, iban: 'DE8937' },
    });
  });

  it('masks a field in every item of a list', () => {
    const masked = maskPayload(goodsReceipt(), ['$.lines[*].price']) as ReturnType<typeof goodsReceipt>;

    expect(masked.lines).toEqual([
      { item: 'M-1', price: '***', qty: 3 },
      { item: 'M-2', price: '***', qty: 1 },
    ]);
  });

  it('masks a name at any depth', () => {
    const masked = maskPayload(goodsReceipt(), ['$..iban']) as ReturnType<typeof goodsReceipt>;

    expect(masked.supplier.iban).toBe('***');
    expect(masked.payment).toEqual({ iban: '***', terms: { iban: '***' } });
    expect(masked.supplier.bankAccount).toBe('DE89370400440532013000');
  });

  it('masks every member of an object with .*', () => {
    const masked = maskPayload(goodsReceipt(), ['$.supplier.*']) as ReturnType<typeof goodsReceipt>;

    expect(masked.supplier).toEqual({ id: '***', bankAccount: '***', iban: '***' });
  });

  it('masks a matched object or list whole', () => {
    const masked = maskPayload(goodsReceipt(), ['$.payment', '$.lines']);

    expect(masked).toMatchObject({ payment: '***', lines: '***', document: '5000012345' });
  });

  it('masks one list item by index and a quoted key', () => {
    const payload = { lines: [{ price: 1 }, { price: 2 }], 'tax.id': 'X' };

    expect(maskPayload(payload, ['$.lines[1].price', "$['tax.id']"]))
      .toEqual({ lines: [{ price: 1 }, { price: '***' }], 'tax.id': '***' });
  });

  it('leaves the input untouched', () => {
    const payload = goodsReceipt();

    maskPayload(payload, ['$..iban', '$.lines[*].price', '$.supplier.*', '$.payment']);

    expect(payload).toEqual(goodsReceipt());
  });

  it('answers a copy even when no path matches', () => {
    const payload = goodsReceipt();
    const masked = maskPayload(payload, ['$.missing.field', '$.document.deeper', '$.notes.x']);

    expect(masked).toEqual(payload);
    expect(masked).not.toBe(payload);
    expect((masked as typeof payload).supplier).not.toBe(payload.supplier);
  });

  it('masks a value that is null or a scalar at the top of a list', () => {
    expect(maskPayload({ notes: null }, ['$.notes'])).toEqual({ notes: '***' });
    expect(maskPayload(['a', 'b'], ['$[*]'])).toEqual(['***', '***']);
  });

  it('passes scalars and absent payloads through', () => {
    expect(maskPayload('plain text', ['$..iban'])).toBe('plain text');
    expect(maskPayload(undefined, ['$.a'])).toBeUndefined();
  });
});

describe('parseFieldPath', () => {
  it('reads each step form', () => {
    expect(parseFieldPath("$.a[*].b..c.*[2]['d.e']")).toEqual([
      { kind: 'child', key: 'a' },
      { kind: 'any' },
      { kind: 'child', key: 'b' },
      { kind: 'deep', key: 'c' },
      { kind: 'any' },
      { kind: 'child', key: '2' },
      { kind: 'child', key: 'd.e' },
    ]);
  });

  it('refuses a path it does not understand, quoting it', () => {
    expect(() => parseFieldPath('supplier.iban'))
      .toThrow('field path "supplier.iban" is not understood at character 0');
    expect(() => parseFieldPath('$.lines[?(@.price)]'))
      .toThrow('field path "$.lines[?(@.price)]" is not understood at character 7');
    expect(() => parseFieldPath('$.a.')).toThrow('is not understood at character 3');
  });
});
