import { Type, type Static } from 'typebox';
import { EXCEPTION_CLASSES } from '../exceptions/taxonomy.js';
import { StringEnum } from '../validation/schema-helpers.js';

/** The stages middleware reports for one message, in PRODUCT.md's terms. */
export const STAGES = [
  'received',
  'transformed',
  'sent',
  'delivered',
  'failed',
  'retried',
  'replayed',
] as const;

export type Stage = (typeof STAGES)[number];

const Name = Type.String({ minLength: 1, maxLength: 128 });
const Timestamp = Type.String({ format: 'date-time', description: 'RFC 3339 with offset' });

export const BusinessKey = Type.Object(
  {
    type: Type.String({ pattern: '^[a-z][a-z0-9_]{0,63}$', description: 'e.g. production_order' }),
    value: Type.String({ minLength: 1, maxLength: 200 }),
  },
  { additionalProperties: false },
);

export const EventError = Type.Object(
  {
    code: Type.Optional(Type.String({ maxLength: 200 })),
    message: Type.Optional(Type.String({ maxLength: 4000 })),
    category: Type.Optional(StringEnum(EXCEPTION_CLASSES, {
      description: 'a hint from the middleware; classification rules may override it',
    })),
    httpStatus: Type.Optional(Type.Integer({ minimum: 100, maximum: 599 })),
  },
  { additionalProperties: false },
);

/** One lifecycle event about one message, as middleware sends it. */
export const LifecycleEvent = Type.Object(
  {
    interface: Name,
    plant: Name,
    messageId: Type.String({ minLength: 1, maxLength: 200 }),
    correlationId: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    stage: StringEnum(STAGES),
    eventTime: Timestamp,
    sourceTime: Type.Optional(Timestamp),
    businessKeys: Type.Array(BusinessKey, { minItems: 1, maxItems: 20 }),
    relatedKeys: Type.Optional(Type.Array(BusinessKey, { maxItems: 50 })),
    quantity: Type.Optional(Type.Number()),
    unit: Type.Optional(Type.String({ minLength: 1, maxLength: 16 })),
    value: Type.Optional(Type.Number()),
    currency: Type.Optional(Type.String({ pattern: '^[A-Z]{3}$' })),
    error: Type.Optional(EventError),
    payload: Type.Optional(Type.Unknown()),
    payloadRef: Type.Optional(Type.String({ format: 'uri', maxLength: 2000 })),
    traceId: Type.Optional(Type.String({ pattern: '^[0-9a-f]{32}$' })),
    spanId: Type.Optional(Type.String({ pattern: '^[0-9a-f]{16}$' })),
    attributes: Type.Optional(Type.Record(Type.String(), Type.String({ maxLength: 500 }))),
  },
  { additionalProperties: false },
);

export type LifecycleEvent = Static<typeof LifecycleEvent>;
export type BusinessKey = Static<typeof BusinessKey>;

/**
 * The batch envelope. Items are checked one by one afterwards, so that one
 * bad event does not reject the events beside it.
 */
export const EventBatch = Type.Object(
  { events: Type.Array(Type.Unknown(), { minItems: 1 }) },
  { additionalProperties: false },
);

export type EventBatch = Static<typeof EventBatch>;
