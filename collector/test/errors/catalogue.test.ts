import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ERRORS } from '../../src/errors/catalogue.js';

const README = new URL('../../../README.md', import.meta.url);

/** Each code of the README's "### Error codes" table with the status column of its row. */
function documentedCodes(): { code: string; status: string }[] {
  const text = readFileSync(README, 'utf8');
  const start = text.indexOf('\n### Error codes\n');
  expect(start).toBeGreaterThan(0);
  const section = text.slice(start + 1).split(/\n#{1,3} /)[0] as string;
  return section.split('\n')
    .filter((line) => line.startsWith('| `SYNCGOV_'))
    .flatMap((line) => {
      const [, codes = '', status = ''] = line.split('|');
      return [...codes.matchAll(/`(SYNCGOV_[A-Z_]+)`/g)]
        .map((m) => ({ code: m[1] as string, status: status.trim() }));
    });
}

describe('the error catalogue and the README', () => {
  const documented = documentedCodes();
  const defined = Object.values(ERRORS);

  it('lists every code of the catalogue once, and no other', () => {
    const codes = documented.map((d) => d.code);

    expect(new Set(codes).size).toBe(codes.length);
    expect([...codes].sort()).toEqual(defined.map((e) => e.code).sort());
  });

  it.each(defined.map((e) => [e.code, e.statusCode] as const))(
    '%s is documented with status %i', (code, statusCode) => {
      const row = documented.find((d) => d.code === code);

      expect(row?.status).toMatch(new RegExp(`^${statusCode}\\b`));
    });
});
