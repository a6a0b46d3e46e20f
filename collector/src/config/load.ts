import { readFile } from 'node:fs/promises';
import { parse as parseYaml } from 'yaml';
import { SchemaValidator, type Problem } from '../validation/validator.js';
import { defaultConfig } from './defaults.js';
import { CollectorConfig } from './schema.js';

type Kind = 'string' | 'integer' | 'number' | 'boolean';

const KIND_NAMES: Record<Kind, string> = {
  string: 'text',
  integer: 'a whole number',
  number: 'a number',
  boolean: 'true or false (also 1/0, on/off, yes/no)',
};

/** Environment variables and the configuration field each one sets. */
export const ENVIRONMENT: readonly { name: string; path: string[]; kind: Kind }[] = [
  { name: 'SYNCGOV_HOST', path: ['server', 'host'], kind: 'string' },
  { name: 'SYNCGOV_PORT', path: ['server', 'port'], kind: 'integer' },
  { name: 'SYNCGOV_BODY_LIMIT_BYTES', path: ['server', 'bodyLimitBytes'], kind: 'integer' },
  { name: 'SYNCGOV_SHUTDOWN_GRACE_MS', path: ['server', 'shutdownGraceMs'], kind: 'integer' },
  { name: 'SYNCGOV_MAX_BATCH_EVENTS', path: ['ingest', 'maxBatchEvents'], kind: 'integer' },
  { name: 'SYNCGOV_DATA_DIR', path: ['dataDir'], kind: 'string' },
  { name: 'SYNCGOV_CATALOG', path: ['catalog'], kind: 'string' },
  { name: 'SYNCGOV_STORE', path: ['store', 'kind'], kind: 'string' },
  { name: 'SYNCGOV_SQLITE_PATH', path: ['store', 'sqlitePath'], kind: 'string' },
  { name: 'SYNCGOV_POSTGRES_URL', path: ['store', 'postgresUrl'], kind: 'string' },
  { name: 'SYNCGOV_LOG_LEVEL', path: ['log', 'level'], kind: 'string' },
  { name: 'SYNCGOV_TOKENS_FILE', path: ['access', 'tokensFile'], kind: 'string' },
  { name: 'SYNCGOV_DEMO_TOKENS', path: ['access', 'demoTokens'], kind: 'boolean' },
  { name: 'SYNCGOV_SIMULATOR', path: ['simulator', 'enabled'], kind: 'boolean' },
  { name: 'SYNCGOV_SIMULATOR_RATE', path: ['simulator', 'messagesPerMinute'], kind: 'number' },
  { name: 'SYNCGOV_SIMULATOR_SPEED', path: ['simulator', 'speed'], kind: 'number' },
  { name: 'SYNCGOV_SIMULATOR_TARGET_HOST', path: ['simulator', 'targets', 'host'], kind: 'string' },
  { name: 'SYNCGOV_SIMULATOR_TARGET_PORT', path: ['simulator', 'targets', 'port'], kind: 'integer' },
  { name: 'SYNCGOV_SIMULATOR_SCENARIO', path: ['simulator', 'scenario', 'kind'], kind: 'string' },
  // The OpenTelemetry names first, so that syncgov's own override them.
  { name: 'OTEL_EXPORTER_OTLP_ENDPOINT', path: ['tracing', 'otlpEndpoint'], kind: 'string' },
  { name: 'SYNCGOV_OTLP_ENDPOINT', path: ['tracing', 'otlpEndpoint'], kind: 'string' },
  { name: 'OTEL_SERVICE_NAME', path: ['tracing', 'serviceName'], kind: 'string' },
];

/** Raised when configuration is unusable; lists every problem with its origin. */
export class ConfigInvalidError extends Error {
  constructor(readonly problems: Problem[]) {
    const lines = problems.map((p) =>
      `  ${p.path}: got ${JSON.stringify(p.value)}, expected ${p.expected}`);
    super(`configuration is invalid:\n${lines.join('\n')}`);
    this.name = 'ConfigInvalidError';
  }
}

const validator = new SchemaValidator<CollectorConfig>(CollectorConfig);

/**
 * Builds the configuration: defaults, then the YAML file named by
 * SYNCGOV_CONFIG (or `file`), then environment variables.
 */
export async function loadConfig(
  env: NodeJS.ProcessEnv = process.env,
  file: string | undefined = env.SYNCGOV_CONFIG,
): Promise<CollectorConfig> {
  let merged: unknown = defaultConfig();
  if (file !== undefined && file !== '') merged = deepMerge(merged, await readConfigFile(file));

  const envProblems: Problem[] = [];
  for (const variable of ENVIRONMENT) {
    const raw = env[variable.name];
    if (raw === undefined || raw === '') continue;
    const value = coerce(raw, variable.kind);
    if (value === undefined) {
      envProblems.push(problem(variable.name, raw, KIND_NAMES[variable.kind]));
      continue;
    }
    setIn(merged as Record<string, unknown>, variable.path, value);
  }
  const problems = [...envProblems, ...validator.problems(merged)];
  if (problems.length > 0) throw new ConfigInvalidError(problems);
  return merged as CollectorConfig;
}

async function readConfigFile(path: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    const reason = (err as NodeJS.ErrnoException).code ?? String(err);
    throw new ConfigInvalidError([problem('SYNCGOV_CONFIG', path, `a readable file (${reason})`)]);
  }
  try {
    return parseYaml(text) ?? {};
  } catch (err) {
    throw new ConfigInvalidError([problem(path, null, `valid YAML: ${(err as Error).message}`)]);
  }
}

function coerce(raw: string, kind: Kind): unknown {
  switch (kind) {
    case 'string':
      return raw;
    case 'integer':
      return /^-?\d+$/.test(raw) ? Number(raw) : undefined;
    case 'number':
      return Number.isFinite(Number(raw)) ? Number(raw) : undefined;
    case 'boolean':
      if (['true', '1', 'on', 'yes'].includes(raw.toLowerCase())) return true;
      if (['false', '0', 'off', 'no'].includes(raw.toLowerCase())) return false;
      return undefined;
  }
}

function deepMerge(base: unknown, over: unknown): unknown {
  if (!isPlainObject(base) || !isPlainObject(over)) return over;
  const out: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(over)) out[key] = deepMerge(base[key], value);
  return out;
}

function setIn(target: Record<string, unknown>, path: string[], value: unknown): void {
  let node = target;
  for (const key of path.slice(0, -1)) {
    if (!isPlainObject(node[key])) node[key] = {};
    node = node[key] as Record<string, unknown>;
  }
  node[path[path.length - 1] as string] = value;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function problem(path: string, value: unknown, expected: string): Problem {
  return { path, value, expected, message: `${path}: expected ${expected}` };
}
