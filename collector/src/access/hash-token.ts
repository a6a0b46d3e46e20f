#!/usr/bin/env node
import { randomBytes } from 'node:crypto';
import { text } from 'node:stream/consumers';
import { hashSecret } from './tokens.js';

const USAGE = `usage: node dist/access/hash-token.js [secret | -]
  secret   print the SHA-256 to put in access.tokens[].sha256
  -        read the secret from standard input (keeps it out of shell history)
  (none)   generate a random secret and print it with its SHA-256`;

/** Bytes of randomness in a generated secret: 256 bits, as base64url. */
const SECRET_BYTES = 32;

async function main(args: readonly string[]): Promise<number> {
  const [arg, ...extra] = args;
  if (arg === '--help' || arg === '-h' || extra.length > 0) {
    process.stdout.write(`${USAGE}\n`);
    return arg === '--help' || arg === '-h' ? 0 : 2;
  }
  if (arg === undefined) {
    const secret = randomBytes(SECRET_BYTES).toString('base64url');
    process.stdout.write(`secret: ${secret}\nsha256: ${hashSecret(secret)}\n`);
    return 0;
  }
  const secret = arg === '-' ? (await text(process.stdin)).trim() : arg;
  if (secret === '') {
    process.stderr.write('the secret is empty\n');
    return 2;
  }
  process.stdout.write(`${hashSecret(secret)}\n`);
  return 0;
}

process.exitCode = await main(process.argv.slice(2));
