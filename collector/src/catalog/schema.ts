import { Type, type Static } from 'typebox';
import { EXCEPTION_CLASSES } from '../exceptions/taxonomy.js';
import { Id, StringEnum, Text } from '../validation/schema-helpers.js';

export const PATTERNS = ['sync-api', 'async-event', 'batch'] as const;
export const CRITICALITIES = ['critical', 'high', 'medium', 'low'] as const;

const Team = Id;

const ownerProperties = Object.fromEntries(
  EXCEPTION_CLASSES.map((cls) => [cls, Team]),
) as Record<(typeof EXCEPTION_CLASSES)[number], typeof Team>;

/** The owning team of every exception class: the catalog's default. */
export const OwnerMap = Type.Object(ownerProperties, {
  additionalProperties: false,
});

/** Per-interface overrides of the default owners. */
export const OwnerOverrides = Type.Partial(OwnerMap, {
  additionalProperties: false,
});

/** An interface's own classification rule; it runs before the shipped ones. */
export const RuleSpec = Type.Object(
  {
    class: StringEnum(EXCEPTION_CLASSES),
    code: Type.Optional(Type.String({ minLength: 1, description: 'a regular expression' })),
    message: Type.Optional(Type.String({ minLength: 1, description: 'a regular expression' })),
    httpStatus: Type.Optional(Type.Array(Type.Integer({ minimum: 100, maximum: 599 }))),
  },
  { additionalProperties: false, minProperties: 2 },
);

/** Where a replay of the interface's messages is delivered. */
export const ReplayTargetSpec = Type.Object(
  {
    http: Type.Optional(Type.Object(
      {
        method: StringEnum(['POST', 'PUT', 'PATCH'] as const),
        url: Type.String({ pattern: '^(https?://|\\$\\{)',
          description: 'an http(s) URL; may start with ${NAME:-default}' }),
        headers: Type.Optional(Type.Record(Type.String(), Type.String(), {
          description: 'values may name environment variables as ${NAME}',
        })),
        timeoutMs: Type.Optional(Type.Integer({ minimum: 100, maximum: 600_000 })),
      },
      { additionalProperties: false },
    )),
    amqp: Type.Optional(Type.Object(
      {
        url: Type.String({ pattern: '^amqps?://', description: 'may name ${NAME} variables' }),
        exchange: Type.String(),
        routingKey: Type.String({ minLength: 1 }),
      },
      { additionalProperties: false },
    )),
  },
  { additionalProperties: false, minProperties: 1, maxProperties: 1 },
);

/** A JSON path into a payload: $.a.b, $.items[*].c or $..name. */
export const FieldPath = Type.String({
  pattern: '^\\$(\\.\\.?[A-Za-z0-9_-]+|\\[\\*\\])+$',
  description: 'a JSON path such as $.supplier.bankAccount, $.lines[*].price or $..iban',
});

export const RegionSpec = Type.Object(
  { id: Id, name: Text },
  { additionalProperties: false },
);

export const PlantSpec = Type.Object(
  {
    id: Id,
    name: Text,
    region: Id,
    timezone: Type.String({
      pattern: '^[A-Za-z_]+(/[A-Za-z0-9_+-]+)*$',
      description: 'an IANA time zone such as Europe/Berlin',
    }),
  },
  { additionalProperties: false },
);

export const SystemSpec = Type.Object(
  {
    id: Id,
    name: Text,
    kind: Id,
    owner: Team,
  },
  { additionalProperties: false },
);

export const ProcessSpec = Type.Object(
  { id: Id, name: Text, criticality: StringEnum(CRITICALITIES) },
  { additionalProperties: false },
);

export const DomainSpec = Type.Object(
  { id: Id, name: Text, systemOfRecord: Id },
  { additionalProperties: false },
);

export const InterfaceSpec = Type.Object(
  {
    id: Id,
    name: Text,
    source: Id,
    target: Id,
    pattern: StringEnum(PATTERNS),
    domain: Id,
    process: Id,
    plants: Type.Array(Id, { minItems: 1, uniqueItems: true }),
    latencyObjectiveSeconds: Type.Number({ exclusiveMinimum: 0 }),
    successObjective: Type.Number({ exclusiveMinimum: 0, exclusiveMaximum: 1 }),
    owners: Type.Optional(OwnerOverrides),
    prerequisites: Type.Optional(Type.Array(Id, { uniqueItems: true })),
    runbook: Type.String({ format: 'uri' }),
    classification: Type.Optional(Type.Array(RuleSpec)),
    replay: Type.Optional(ReplayTargetSpec),
    sensitiveFields: Type.Optional(Type.Array(FieldPath, { uniqueItems: true })),
    resolutionObjectiveSeconds: Type.Optional(Type.Number({ exclusiveMinimum: 0,
      description: 'how long an exception may stay open; default 4 hours' })),
  },
  { additionalProperties: false },
);

/** The business service catalog as written in YAML. */
export const CatalogSpec = Type.Object(
  {
    version: Type.Literal(1),
    organisation: Text,
    currency: Type.String({ pattern: '^[A-Z]{3}$', description: 'ISO 4217 code' }),
    regions: Type.Array(RegionSpec, { minItems: 1 }),
    plants: Type.Array(PlantSpec, { minItems: 1 }),
    systems: Type.Array(SystemSpec, { minItems: 1 }),
    processes: Type.Array(ProcessSpec, { minItems: 1 }),
    domains: Type.Array(DomainSpec, { minItems: 1 }),
    owners: OwnerMap,
    interfaces: Type.Array(InterfaceSpec, { minItems: 1 }),
  },
  {
    additionalProperties: false,
    $id: 'https://syncgov.dev/schemas/catalog.schema.json',
    title: 'syncgov business service catalog',
  },
);

export type CatalogSpec = Static<typeof CatalogSpec>;
export type PlantSpec = Static<typeof PlantSpec>;
export type ProcessSpec = Static<typeof ProcessSpec>;
export type SystemSpec = Static<typeof SystemSpec>;
export type InterfaceSpec = Static<typeof InterfaceSpec>;
export type OwnerMap = Static<typeof OwnerMap>;
export type ReplayTargetSpec = Static<typeof ReplayTargetSpec>;
export type Criticality = (typeof CRITICALITIES)[number];
export type Pattern = (typeof PATTERNS)[number];
