import { createHash, timingSafeEqual } from 'node:crypto';
import type { BaseLogger } from 'pino';
import { ConfigInvalidError } from '../config/load.js';
import type { AccessConfig, Role, TokenConfig } from '../config/schema.js';
import type { Problem } from '../validation/validator.js';
import { problem, readTokensFile } from './token-file.js';

/** A demo token: its secret is public, so it must never reach production. */
export interface DemoToken {
  readonly name: string;
  readonly secret: string;
  readonly role: Role;
}

/** The demo tokens, one per role; each secret equals the token's name. */
export const DEMO_TOKENS: readonly DemoToken[] = [
  { name: 'demo-viewer', secret: 'demo-viewer', role: 'viewer' },
  { name: 'demo-operator', secret: 'demo-operator', role: 'operator' },
  { name: 'demo-approver', secret: 'demo-approver', role: 'approver' },
  { name: 'demo-admin', secret: 'demo-admin', role: 'admin' },
  { name: 'demo-ingest', secret: 'demo-ingest', role: 'ingest' },
];

/** What a verified token grants. */
export interface AccessToken {
  readonly name: string;
  readonly role: Role;
  readonly plants: readonly string[] | null;
  readonly processes: readonly string[] | null;
}

/** The logging that loading tokens needs; a pino or fastify logger fits. */
export type AccessLog = Pick<BaseLogger, 'info' | 'warn'>;

interface StoredToken {
  readonly digest: Buffer;
  readonly grant: AccessToken;
}

/** Hex SHA-256 of a token secret, the form in which tokens are configured. */
export function hashSecret(secret: string): string {
  return digestOf(secret).toString('hex');
}

function digestOf(secret: string): Buffer {
  return createHash('sha256').update(secret, 'utf8').digest();
}

/** The tokens the collector accepts, held only as hashes. */
export class TokenSet {
  private readonly stored: readonly StoredToken[];

  constructor(tokens: readonly TokenConfig[]) {
    this.stored = tokens.map((t) => ({ digest: Buffer.from(t.sha256, 'hex'), grant: grantOf(t) }));
  }

  /** How many tokens are accepted. */
  get size(): number {
    return this.stored.length;
  }

  /**
   * Finds the token whose secret was presented, or null. Every stored hash
   * is compared, in constant time, whether or not one matched already, so
   * the answer's timing tells nothing about which token or how many exist.
   */
  verify(secret: string): AccessToken | null {
    const presented = digestOf(secret);
    let found: AccessToken | null = null;
    for (const token of this.stored) {
      if (timingSafeEqual(presented, token.digest)) found = token.grant;
    }
    return found;
  }
}

function grantOf(token: TokenConfig): AccessToken {
  return {
    name: token.name,
    role: token.role,
    plants: token.plants ? [...token.plants] : null,
    processes: token.processes ? [...token.processes] : null,
  };
}

interface Sourced {
  readonly token: TokenConfig;
  /** Where the token was declared, as a path prefix for problems. */
  readonly origin: string;
}

/**
 * Builds the accepted tokens from `access.tokens`, the tokens file and, when
 * `access.demoTokens` is on, the demo tokens. Fails with ConfigInvalidError
 * when the file is unusable or two tokens share a name or a secret.
 */
export async function loadTokens(config: AccessConfig, log: AccessLog): Promise<TokenSet> {
  const sourced = [
    ...config.tokens.map((token, i) => ({ token, origin: `access.tokens/${i}` })),
    ...(await fromFile(config.tokensFile)),
    ...(config.demoTokens ? demoSourced() : []),
  ];
  const problems = checkTokens(sourced);
  if (problems.length > 0) throw new ConfigInvalidError(problems);

  logLoaded(sourced, config, log);
  return new TokenSet(sourced.map((s) => s.token));
}

async function fromFile(file: string | undefined): Promise<Sourced[]> {
  if (file === undefined) return [];
  const tokens = await readTokensFile(file);
  return tokens.map((token, i) => ({ token, origin: `${file}#/${i}` }));
}

function demoSourced(): Sourced[] {
  return DEMO_TOKENS.map((demo) => ({
    token: { name: demo.name, sha256: hashSecret(demo.secret), role: demo.role },
    origin: `access.demoTokens[${demo.name}]`,
  }));
}

function checkTokens(sourced: readonly Sourced[]): Problem[] {
  const problems: Problem[] = [];
  const names = new Map<string, string>();
  const hashes = new Map<string, string>();
  for (const { token, origin } of sourced) {
    const sameName = names.get(token.name);
    if (sameName !== undefined) {
      problems.push(problem(`${origin}/name`, token.name, `a name not used by ${sameName}`));
    }
    const sameSecret = hashes.get(token.sha256);
    if (sameSecret !== undefined) {
      problems.push(problem(`${origin}/sha256`, '(hidden)', `a secret not used by ${sameSecret}`));
    }
    names.set(token.name, origin);
    hashes.set(token.sha256, origin);
    problems.push(...emptyScopes(token, origin));
  }
  return problems;
}

// An empty list would silently grant nothing; omitting the field means "all".
function emptyScopes(token: TokenConfig, origin: string): Problem[] {
  return (['plants', 'processes'] as const)
    .filter((field) => token[field]?.length === 0)
    .map((field) => problem(`${origin}/${field}`, [],
      `at least one id, or no ${field} field to cover every one`));
}

function logLoaded(sourced: readonly Sourced[], config: AccessConfig, log: AccessLog): void {
  const tokensFile = config.tokensFile ?? null;
  log.info({ tokens: sourced.length, tokensFile }, 'access tokens loaded');
  if (config.demoTokens) {
    const tokens = DEMO_TOKENS.map((d) => d.name);
    log.warn({ tokens }, 'demo tokens are active; set access.demoTokens=false in production');
  }
  if (sourced.length === 0) {
    log.warn({}, 'no access tokens are configured; every protected route will answer 401');
  }
}
