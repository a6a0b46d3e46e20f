import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const CLI = fileURLToPath(new URL('../../dist/access/hash-token.js', import.meta.url));

/** sha256("abc"), the FIPS 180-2 test vector. */
const ABC_SHA256 = 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad';

function run(args: string[], input?: string) {
  const result = spawnSync(process.execPath, [CLI, ...args], { input, encoding: 'utf8' });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('hash-token', () => {
  it('prints the SHA-256 of the secret given', () => {
    expect(run(['abc'])).toEqual({ code: 0, stdout: `${ABC_SHA256}\n`, stderr: '' });
  });

  it('reads the secret from standard input with -', () => {
    expect(run(['-'], 'abc\n')).toEqual({ code: 0, stdout: `${ABC_SHA256}\n`, stderr: '' });
  });

  it('generates a random 256-bit secret and prints it with its hash', () => {
    const first = run([]);
    const match = /^secret: ([A-Za-z0-9_-]{43})\nsha256: ([0-9a-f]{64})\n$/.exec(first.stdout);

    expect(first.code).toBe(0);
    expect(match).not.toBeNull();
    const [, secret, sha256] = match!;
    expect(sha256).toBe(createHash('sha256').update(secret!).digest('hex'));
    expect(run([]).stdout).not.toBe(first.stdout);
  });

  it('refuses an empty secret and extra arguments', () => {
    expect(run(['-'], '\n')).toEqual({ code: 2, stdout: '', stderr: 'the secret is empty\n' });
    expect(run(['a', 'b']).code).toBe(2);
  });
});
