import { readFile } from 'node:fs/promises';
import { Type } from 'typebox';
import { parse as parseYaml } from 'yaml';
import { ConfigInvalidError } from '../config/load.js';
import { TokenConfig } from '../config/schema.js';
import { SchemaValidator, type Problem } from '../validation/validator.js';

const validator = new SchemaValidator<TokenConfig[]>(Type.Array(TokenConfig));

/**
 * Reads a tokens file: a YAML or JSON list shaped like `access.tokens`.
 * Fails with ConfigInvalidError listing every problem, each naming the file,
 * the JSON pointer at fault and the value found.
 */
export async function readTokensFile(file: string): Promise<TokenConfig[]> {
  const doc = parseTokensText(await readText(file), file);
  if (!Array.isArray(doc)) {
    throw new ConfigInvalidError([
      problem(`${file}#`, doc === null ? null : typeof doc, 'a list of tokens'),
    ]);
  }
  const problems = validator.problems(doc).map((p) => locate(p, file));
  if (problems.length > 0) throw new ConfigInvalidError(problems);
  return doc as TokenConfig[];
}

async function readText(file: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (err) {
    const reason = (err as NodeJS.ErrnoException).code ?? String(err);
    throw new ConfigInvalidError([
      problem('access.tokensFile', file, `a readable file (${reason})`),
    ]);
  }
}

// YAML is a superset of JSON, so one parser reads both forms.
function parseTokensText(text: string, file: string): unknown {
  try {
    return parseYaml(text) ?? null;
  } catch (err) {
    const reason = (err as Error).message.split('\n')[0] ?? '';
    throw new ConfigInvalidError([problem(file, null, `valid YAML or JSON: ${reason}`)]);
  }
}

function locate(found: Problem, file: string): Problem {
  // Someone may paste the secret itself where its hash belongs: never echo it.
  const value = found.path.endsWith('/sha256') ? hidden(found.value) : found.value;
  return problem(`${file}#${found.path}`, value, found.expected);
}

function hidden(value: unknown): unknown {
  return typeof value === 'string' ? `(hidden, ${value.length} characters)` : value;
}

/** A configuration problem in the shape ConfigInvalidError prints. */
export function problem(path: string, value: unknown, expected: string): Problem {
  return { path, value, expected, message: `${path}: expected ${expected}` };
}
