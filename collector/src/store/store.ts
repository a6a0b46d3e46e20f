import type { ExceptionClass, Severity } from '../exceptions/taxonomy.js';
import type { BusinessKey, Stage } from '../ingest/event-schema.js';
import type { ExceptionStore } from './exception-store.js';

export type MessageState = 'in_flight' | 'delivered' | 'failed';

/** The bounded label values an event is counted under. */
export interface FlowLabels {
  interface: string;
  plant: string;
  process: string;
}

/** How a failed event is classified, decided before it is stored. */
export interface Classification {
  class: ExceptionClass;
  owner: string;
  severity: Severity;
  fingerprint: string;
  recommendedAction: string;
  /** Epoch ms by which the exception should be resolved. */
  slaDeadline: number;
  /** Policy holds a sequence dependency until its prerequisite delivers. */
  hold: 'prerequisite' | null;
}

/** A validated lifecycle event, normalised for storage. Times are epoch ms. */
export interface EventRecord {
  interfaceId: string;
  plantId: string;
  labels: FlowLabels;
  /** The interface's source and target systems, when the catalog knows it. */
  sourceSystem: string | null;
  targetSystem: string | null;
  messageId: string;
  correlationId: string | null;
  stage: Stage;
  eventTime: number;
  sourceTime: number | null;
  receivedAt: number;
  businessKey: BusinessKey;
  businessKeys: BusinessKey[];
  relatedKeys: BusinessKey[];
  quantity: number | null;
  value: number | null;
  unit: string | null;
  currency: string | null;
  errorCode: string | null;
  errorMessage: string | null;
  errorCategory: string | null;
  httpStatus: number | null;
  payload: string | null;
  payloadRef: string | null;
  traceId: string | null;
  /** The middleware span that reported the event; not stored, it parents the collector's span. */
  spanId: string | null;
  attributes: Record<string, string> | null;
  classification: Classification | null;
}

/** What recording one event changed. */
export interface EventOutcome {
  duplicate: boolean;
  previousState: MessageState | null;
  state: MessageState;
  startedAt: number;
  /** The trace id the message carries, from this event or an earlier one. */
  traceId: string | null;
}

export interface FlowGaugeRow extends FlowLabels {
  inFlight: number;
  oldestStartedAt: number | null;
}

export interface LastSuccessRow extends FlowLabels {
  lastSuccessAt: number;
}

export interface ExposureRow {
  plant: string;
  process: string;
  state: 'in_flight' | 'failed';
  quantity: number;
  value: number;
}

export interface OpenExceptionRow {
  plant: string;
  process: string;
  class: string;
  severity: string;
  owner: string;
  state: string;
  count: number;
  /** When the oldest exception of the group was first seen, in ms since the epoch. */
  oldestSeenAt: number;
}

/** One message as stored: its latest state and payload. */
export interface StoredMessage {
  interfaceId: string;
  messageId: string;
  plantId: string;
  labels: FlowLabels;
  state: MessageState;
  lastStage: Stage;
  startedAt: number;
  lastEventAt: number;
  finishedAt: number | null;
  businessKey: BusinessKey;
  relatedKeys: BusinessKey[];
  correlationId: string | null;
  quantity: number | null;
  value: number | null;
  payload: string | null;
  payloadRef: string | null;
  traceId: string | null;
}

/** One lifecycle event as stored in a message's history. */
export interface StoredEvent {
  stage: Stage;
  eventTime: number;
  receivedAt: number;
  errorCode: string | null;
  errorMessage: string | null;
  errorCategory: string | null;
  httpStatus: number | null;
}

/**
 * Durable state of the collector. Every method may be called concurrently;
 * implementations make each call atomic. SQLite is the embedded default;
 * PostgreSQL lets several collector replicas share one database.
 */
export interface Store extends ExceptionStore {
  /** Brings the schema to the newest version. Safe to call on every start. */
  migrate(): Promise<void>;

  /**
   * Records a batch in one transaction and resolves only once it is durable.
   * An event already recorded (same interface, message, stage and time) is
   * reported as a duplicate and changes nothing.
   */
  recordEvents(events: readonly EventRecord[]): Promise<EventOutcome[]>;

  getMessage(interfaceId: string, messageId: string): Promise<StoredMessage | undefined>;

  /** The lifecycle events of one message, oldest first. */
  messageHistory(interfaceId: string, messageId: string): Promise<StoredEvent[]>;

  /** Messages in flight and the start of the oldest, per flow. */
  flowGauges(): Promise<FlowGaugeRow[]>;

  lastSuccesses(): Promise<LastSuccessRow[]>;

  /** Quantity and value held in messages in flight or failed. */
  exposure(): Promise<ExposureRow[]>;

  openExceptions(): Promise<OpenExceptionRow[]>;

  /** Deletes delivered messages finished before `before`; returns how many. */
  pruneFinished(before: number): Promise<number>;

  /**
   * Whether this process is the one replica that exports the gauges read
   * from shared state (in flight, exposure, open exceptions, ...). Every
   * replica reads the same rows, so if each exported them Prometheus would
   * count them once per replica; holding a lease lets exactly one do it.
   * A lost lease passes to another replica by itself. Never rejects: a store
   * that cannot tell answers false.
   */
  holdsExporterLease(): Promise<boolean>;

  /** Resolves when the store answers; rejects when it cannot. */
  ping(): Promise<void>;

  close(): Promise<void>;
}
