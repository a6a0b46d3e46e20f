import { Type, type Static } from 'typebox';
import { EXCEPTION_CLASSES } from '../exceptions/taxonomy.js';
import { StringEnum } from '../validation/schema-helpers.js';

export const SCENARIOS = ['steady', 'reference', 'outage'] as const;
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

const Ratio = Type.Number({ minimum: 0, maximum: 1 });

const failureRates = Object.fromEntries(
  EXCEPTION_CLASSES.filter((c) => c !== 'unknown').map((c) => [c, Type.Optional(Ratio)]),
) as Record<string, ReturnType<typeof Type.Optional<typeof Ratio>>>;

export const ScenarioConfig = Type.Object(
  {
    kind: StringEnum(SCENARIOS),
    plant: Type.String({ minLength: 1 }),
    interface: Type.String({ minLength: 1 }),
    system: Type.String({ minLength: 1 }),
    startAfterSeconds: Type.Number({ minimum: 0 }),
    durationSeconds: Type.Number({ exclusiveMinimum: 0 }),
    repeat: Type.Boolean(),
  },
  { additionalProperties: false },
);

export const SimulatorConfig = Type.Object(
  {
    enabled: Type.Boolean(),
    url: Type.Optional(Type.String({ format: 'uri' })),
    messagesPerMinute: Type.Number({ exclusiveMinimum: 0, maximum: 600_000 }),
    speed: Type.Number({ exclusiveMinimum: 0, maximum: 1000 }),
    failureRates: Type.Object(failureRates, { additionalProperties: false }),
    scenario: ScenarioConfig,
    seed: Type.Integer(),
    targets: Type.Object(
      {
        enabled: Type.Boolean(),
        host: Type.String({ minLength: 1 }),
        port: Type.Integer({ minimum: 0, maximum: 65535 }),
      },
      { additionalProperties: false, description: 'the simulated target systems replays go to' },
    ),
  },
  { additionalProperties: false },
);

export const ROLES = ['viewer', 'operator', 'approver', 'admin', 'ingest'] as const;

/** A bearer token, stored as the SHA-256 of its secret. */
export const TokenConfig = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 100 }),
    sha256: Type.String({ pattern: '^[0-9a-f]{64}$' }),
    role: StringEnum(ROLES),
    plants: Type.Optional(Type.Array(Type.String({ minLength: 1 }))),
    processes: Type.Optional(Type.Array(Type.String({ minLength: 1 }))),
  },
  { additionalProperties: false },
);

export const AccessConfig = Type.Object(
  {
    tokens: Type.Array(TokenConfig),
    tokensFile: Type.Optional(Type.String({ minLength: 1 })),
    demoTokens: Type.Boolean(),
    actionsPerMinute: Type.Integer({ minimum: 1 }),
  },
  { additionalProperties: false },
);

export const ReplayConfig = Type.Object(
  {
    timeoutMs: Type.Integer({ minimum: 100 }),
    transientMaxAttempts: Type.Integer({ minimum: 0, maximum: 50 }),
    transientBaseDelaySeconds: Type.Number({ exclusiveMinimum: 0 }),
    drainPerSecond: Type.Number({ exclusiveMinimum: 0 }),
    bulkPerSecond: Type.Number({ exclusiveMinimum: 0 }),
    sweepIntervalMs: Type.Integer({ minimum: 50 }),
  },
  { additionalProperties: false },
);

export const TracingConfig = Type.Object(
  {
    otlpEndpoint: Type.Optional(Type.String({
      format: 'uri', description: 'OTLP/HTTP base URL; spans go to <otlpEndpoint>/v1/traces',
    })),
    serviceName: Type.String({ minLength: 1 }),
    exportTimeoutMs: Type.Integer({ minimum: 100 }),
  },
  { additionalProperties: false },
);

export const CollectorConfig = Type.Object(
  {
    server: Type.Object(
      {
        host: Type.String({ minLength: 1 }),
        port: Type.Integer({ minimum: 0, maximum: 65535 }),
        bodyLimitBytes: Type.Integer({ minimum: 1024, maximum: 256 * 1024 * 1024 }),
        shutdownGraceMs: Type.Integer({
          minimum: 0, maximum: 600_000,
          description: 'how long a stop waits for open requests before it cuts connections',
        }),
      },
      { additionalProperties: false },
    ),
    ingest: Type.Object(
      { maxBatchEvents: Type.Integer({ minimum: 1, maximum: 100_000 }) },
      { additionalProperties: false },
    ),
    dataDir: Type.String({ minLength: 1 }),
    catalog: Type.String({ minLength: 1 }),
    store: Type.Object(
      {
        kind: StringEnum(['sqlite', 'postgres'] as const),
        sqlitePath: Type.Optional(Type.String({ minLength: 1 })),
        postgresUrl: Type.Optional(Type.String({ minLength: 1 })),
      },
      { additionalProperties: false },
    ),
    retention: Type.Object(
      { finishedMessagesHours: Type.Number({ exclusiveMinimum: 0 }) },
      { additionalProperties: false },
    ),
    log: Type.Object({ level: StringEnum(LOG_LEVELS) }, { additionalProperties: false }),
    simulator: SimulatorConfig,
    access: AccessConfig,
    replay: ReplayConfig,
    tracing: TracingConfig,
  },
  { additionalProperties: false },
);

export type CollectorConfig = Static<typeof CollectorConfig>;
export type SimulatorConfig = Static<typeof SimulatorConfig>;
export type ScenarioConfig = Static<typeof ScenarioConfig>;
export type AccessConfig = Static<typeof AccessConfig>;
export type TokenConfig = Static<typeof TokenConfig>;
export type ReplayConfig = Static<typeof ReplayConfig>;
export type TracingConfig = Static<typeof TracingConfig>;
export type Role = (typeof ROLES)[number];
