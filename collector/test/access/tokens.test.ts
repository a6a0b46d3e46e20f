import * as crypto from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { DEMO_TOKENS, TokenSet, hashSecret, loadTokens } from '../../src/access/tokens.js';
import { ConfigInvalidError } from '../../src/config/load.js';
import type { AccessConfig, TokenConfig } from '../../src/config/schema.js';

// Delegates to the real function; the count shows every hash is compared.
vi.mock('node:crypto', async (importOriginal) => {
  const real = await importOriginal<typeof import('node:crypto')>();
  return { ...real, timingSafeEqual: vi.fn(real.timingSafeEqual) };
});

/** sha256("abc"), the FIPS 180-2 test vector. */
const ABC_SHA256 = 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad';

function token(name: string, role: TokenConfig['role'], extra: Partial<TokenConfig> = {}): TokenConfig {
  return { name, sha256: hashSecret(`secret-${name}`), role, ...extra };
}

function access(overrides: Partial<AccessConfig> = {}): AccessConfig {
  return { tokens: [], demoTokens: false, actionsPerMinute: 60, ...overrides };
}

function recordingLog() {
  const lines: { level: string; fields: object; msg: string }[] = [];
  const write = (level: string) => (fields: object, msg: string) => {
    lines.push({ level, fields, msg });
  };
  return { lines, log: { info: write('info'), warn: write('warn') } as never };
}

function tokensFile(name: string, text: string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'syncgov-tokens-')), name);
  writeFileSync(path, text);
  return path;
}

async function problemsOf(config: AccessConfig) {
  const error = await loadTokens(config, recordingLog().log).catch((err: unknown) => err);
  if (!(error instanceof ConfigInvalidError)) {
    throw new Error(`expected a ConfigInvalidError, got ${String(error)}`);
  }
  return error.problems.map(({ path, value, expected }) => ({ path, value, expected }));
}

describe('hashSecret', () => {
  it('gives the hex SHA-256 of the secret', () => {
    expect(hashSecret('abc')).toBe(ABC_SHA256);
  });
});

describe('TokenSet.verify', () => {
  const tokens = new TokenSet([
    token('vic', 'viewer'),
    token('ops-p1', 'operator', { plants: ['p1'], processes: ['goods-movement'] }),
    token('mw', 'ingest'),
  ]);

  it('accepts the right secret and tells what it grants', () => {
    expect(tokens.verify('secret-vic'))
      .toEqual({ name: 'vic', role: 'viewer', plants: null, processes: null });
    expect(tokens.verify('secret-ops-p1')).toEqual({
      name: 'ops-p1', role: 'operator', plants: ['p1'], processes: ['goods-movement'],
    });
  });

  it('refuses a wrong, empty or near-miss secret', () => {
    expect(tokens.verify('secret-eve')).toBeNull();
    expect(tokens.verify('')).toBeNull();
    expect(tokens.verify('secret-vic ')).toBeNull();
    expect(tokens.verify(hashSecret('secret-vic'))).toBeNull();
  });

  it('compares against every stored hash even when the first one matches', () => {
    const compare = vi.mocked(crypto.timingSafeEqual);
    compare.mockClear();

    tokens.verify('secret-vic');

    expect(compare).toHaveBeenCalledTimes(3);
  });
});

describe('loadTokens', () => {
  it('takes tokens from the configuration', async () => {
    const tokens = await loadTokens(access({ tokens: [token('vic', 'viewer')] }), recordingLog().log);

    expect(tokens.size).toBe(1);
    expect(tokens.verify('secret-vic')?.name).toBe('vic');
  });

  it('adds the tokens of a YAML file', async () => {
    const file = tokensFile('tokens.yaml', [
      '- name: planner',
      `  sha256: ${hashSecret('secret-planner')}`,
      '  role: approver',
      '  plants: [p2]',
    ].join('\n'));

    const tokens = await loadTokens(access({ tokens: [token('vic', 'viewer')], tokensFile: file }),
      recordingLog().log);

    expect(tokens.size).toBe(2);
    expect(tokens.verify('secret-planner')).toEqual({
      name: 'planner', role: 'approver', plants: ['p2'], processes: null,
    });
  });

  it('adds the tokens of a JSON file', async () => {
    const file = tokensFile('tokens.json', JSON.stringify([token('mw', 'ingest')]));

    const tokens = await loadTokens(access({ tokensFile: file }), recordingLog().log);

    expect(tokens.verify('secret-mw')?.role).toBe('ingest');
  });

  it('adds the five documented demo tokens, whose secret is their name, and warns', async () => {
    const { lines, log } = recordingLog();
    const tokens = await loadTokens(access({ demoTokens: true }), log);

    expect(tokens.size).toBe(5);
    expect(DEMO_TOKENS.map((d) => [d.name, d.secret, d.role])).toEqual([
      ['demo-viewer', 'demo-viewer', 'viewer'],
      ['demo-operator', 'demo-operator', 'operator'],
      ['demo-approver', 'demo-approver', 'approver'],
      ['demo-admin', 'demo-admin', 'admin'],
      ['demo-ingest', 'demo-ingest', 'ingest'],
    ]);
    for (const demo of DEMO_TOKENS) expect(tokens.verify(demo.name)?.role).toBe(demo.role);
    expect(lines.filter((l) => l.level === 'warn')).toEqual([{
      level: 'warn',
      fields: { tokens: DEMO_TOKENS.map((d) => d.name) },
      msg: 'demo tokens are active; set access.demoTokens=false in production',
    }]);
  });

  it('accepts no demo token when they are off, and says nothing of them', async () => {
    const { lines, log } = recordingLog();
    const tokens = await loadTokens(access({ tokens: [token('vic', 'viewer')] }), log);

    expect(tokens.verify('demo-admin')).toBeNull();
    expect(lines).toEqual([{
      level: 'info', fields: { tokens: 1, tokensFile: null }, msg: 'access tokens loaded',
    }]);
  });

  it('warns when no token at all is configured', async () => {
    const { lines, log } = recordingLog();
    await loadTokens(access(), log);

    expect(lines.at(-1)).toEqual({
      level: 'warn', fields: {},
      msg: 'no access tokens are configured; every protected route will answer 401',
    });
  });

  it('never logs a hash or a secret', async () => {
    const file = tokensFile('tokens.json', JSON.stringify([token('mw', 'ingest')]));
    const { lines, log } = recordingLog();
    const config = access({ tokens: [token('vic', 'viewer')], tokensFile: file, demoTokens: true });
    await loadTokens(config, log);

    const logged = JSON.stringify(lines);
    expect(logged).not.toContain(hashSecret('secret-vic'));
    expect(logged).not.toContain('secret-');
    expect(logged).not.toContain(hashSecret('demo-admin'));
  });

  it('refuses two tokens with one name, naming both places', async () => {
    const other = { ...token('vic', 'operator'), sha256: hashSecret('another secret') };
    const file = tokensFile('tokens.json', JSON.stringify([other]));

    expect(await problemsOf(access({ tokens: [token('vic', 'viewer')], tokensFile: file }))).toEqual([{
      path: `${file}#/0/name`, value: 'vic', expected: 'a name not used by access.tokens/0',
    }]);
  });

  it('refuses a configured token named like a demo token while demo tokens are on', async () => {
    const clash = { ...token('demo-admin', 'viewer'), sha256: hashSecret('other') };

    expect(await problemsOf(access({ tokens: [clash], demoTokens: true }))).toEqual([{
      path: 'access.demoTokens[demo-admin]/name', value: 'demo-admin',
      expected: 'a name not used by access.tokens/0',
    }]);
  });

  it('refuses two tokens with one secret without showing it', async () => {
    const twin = { ...token('vic', 'viewer'), name: 'vic-2', role: 'admin' as const };

    expect(await problemsOf(access({ tokens: [token('vic', 'viewer'), twin] }))).toEqual([{
      path: 'access.tokens/1/sha256', value: '(hidden)',
      expected: 'a secret not used by access.tokens/0',
    }]);
  });

  it('refuses an empty scope list, which would grant nothing', async () => {
    expect(await problemsOf(access({ tokens: [token('vic', 'viewer', { plants: [] })] }))).toEqual([{
      path: 'access.tokens/0/plants', value: [],
      expected: 'at least one id, or no plants field to cover every one',
    }]);
  });
});
