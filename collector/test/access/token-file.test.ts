import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readTokensFile } from '../../src/access/token-file.js';
import { hashSecret } from '../../src/access/tokens.js';
import { ConfigInvalidError } from '../../src/config/load.js';

function tokensFile(text: string, name = 'tokens.yaml'): string {
  const path = join(mkdtempSync(join(tmpdir(), 'syncgov-tokens-')), name);
  writeFileSync(path, text);
  return path;
}

async function problemsOf(file: string) {
  const error = await readTokensFile(file).catch((err: unknown) => err);
  if (!(error instanceof ConfigInvalidError)) {
    throw new Error(`expected a ConfigInvalidError, got ${String(error)}`);
  }
  return error.problems.map(({ path, value, expected }) => ({ path, value, expected }));
}

describe('readTokensFile', () => {
  it('reads a YAML list of tokens', async () => {
    const sha256 = hashSecret('s');
    const file = tokensFile(
      `- { name: vic, sha256: ${sha256}, role: viewer, processes: [invoicing] }\n`);

    expect(await readTokensFile(file)).toEqual([
      { name: 'vic', sha256, role: 'viewer', processes: ['invoicing'] },
    ]);
  });

  it('names the file, the JSON pointer and the value of every fault', async () => {
    const file = tokensFile(JSON.stringify([
      { name: 'ok', sha256: hashSecret('ok'), role: 'viewer' },
      { name: 'root', sha256: hashSecret('root'), role: 'root' },
      { name: 'typo', sha256: hashSecret('typo'), role: 'viewer', plant: ['p1'] },
    ]), 'tokens.json');

    expect(await problemsOf(file)).toEqual([
      {
        path: `${file}#/1/role`, value: 'root',
        expected: 'one of viewer, operator, approver, admin, ingest',
      },
      {
        path: `${file}#/2/plant`, value: ['p1'],
        expected: 'no such field (it is not part of the format)',
      },
    ]);
  });

  it('never echoes what was written where a hash belongs', async () => {
    const file = tokensFile('- name: vic\n  sha256: my-plain-secret\n  role: viewer\n');

    expect(await problemsOf(file)).toEqual([
      {
        path: `${file}#/0/sha256`, value: '(hidden, 15 characters)',
        expected: 'text matching ^[0-9a-f]{64}$',
      },
    ]);
  });

  it('refuses a file that is not a list', async () => {
    const file = tokensFile('tokens:\n  - name: vic\n');

    expect(await problemsOf(file))
      .toEqual([{ path: `${file}#`, value: 'object', expected: 'a list of tokens' }]);
    expect(await problemsOf(tokensFile(''))).toEqual([
      { path: expect.stringMatching(/tokens\.yaml#$/), value: null, expected: 'a list of tokens' },
    ]);
  });

  it('refuses text that is neither YAML nor JSON', async () => {
    const file = tokensFile('- name: [unclosed\n');

    expect(await problemsOf(file)).toEqual([
      { path: file, value: null, expected: expect.stringMatching(/^valid YAML or JSON: /) },
    ]);
  });

  it('refuses a missing file, naming the setting', async () => {
    const file = join(tmpdir(), 'syncgov-no-such-dir', 'tokens.yaml');

    expect(await problemsOf(file)).toEqual([
      { path: 'access.tokensFile', value: file, expected: 'a readable file (ENOENT)' },
    ]);
  });

  it('fails with a message that lists the problems', async () => {
    const file = tokensFile('- name: vic\n  sha256: ab\n  role: viewer\n');
    const error = await readTokensFile(file).catch((err: unknown) => err) as Error;

    expect(error.message).toBe('configuration is invalid:\n' +
      `  ${file}#/0/sha256: got "(hidden, 2 characters)", expected text matching ^[0-9a-f]{64}$`);
  });
});
