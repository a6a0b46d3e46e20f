import { exceptionId } from '../../../src/exceptions/identity.js';
import type { BusinessKey } from '../../../src/ingest/event-schema.js';
import type {
  AuditInput, ExceptionChange, ExceptionRecord, NewReplay,
} from '../../../src/store/exception-store.js';
import type { Classification, EventRecord, Store } from '../../../src/store/store.js';

/** 2026-12-03T10:00:00Z: every time in the contract is an offset from it. */
export const T0 = Date.parse('2026-12-03T10:00:00.000Z');
export const MINUTE = 60_000;

export const ITF = 'mes-erp-completion';
export const PLANT = 'cz-pls';
export const PROCESS = 'production_confirmation';

export function key(value: string, type = 'production_order'): BusinessKey {
  return { type, value };
}

/** A lifecycle event of one message, ready for the store, with overrides. */
export function event(overrides: Partial<EventRecord> = {}): EventRecord {
  const businessKey = overrides.businessKey ?? key('PO-1');
  return {
    interfaceId: ITF,
    plantId: PLANT,
    labels: { interface: ITF, plant: PLANT, process: PROCESS },
    sourceSystem: 'mes-pls',
    targetSystem: 'erp',
    messageId: 'msg-1',
    correlationId: null,
    stage: 'received',
    eventTime: T0,
    sourceTime: null,
    receivedAt: T0 + 100,
    businessKey,
    businessKeys: [businessKey],
    relatedKeys: [],
    quantity: null,
    value: null,
    unit: null,
    currency: null,
    errorCode: null,
    errorMessage: null,
    errorCategory: null,
    httpStatus: null,
    payload: null,
    payloadRef: null,
    traceId: null,
    spanId: null,
    attributes: null,
    classification: null,
    ...overrides,
  };
}

export function classification(overrides: Partial<Classification> = {}): Classification {
  return {
    class: 'mapping',
    owner: 'integration-team',
    severity: 'high',
    fingerprint: 'fp-mapping',
    recommendedAction: 'fix the mapping, then replay',
    slaDeadline: T0 + 60 * MINUTE,
    hold: null,
    ...overrides,
  };
}

/** A classified failure of one message. */
export function failure(overrides: Partial<EventRecord> = {},
  classified: Partial<Classification> = {}): EventRecord {
  return event({
    stage: 'failed',
    errorCode: 'MAP-17',
    errorMessage: 'unit PCE cannot be mapped',
    errorCategory: null,
    httpStatus: 422,
    classification: classification(classified),
    ...overrides,
  });
}

/** The id of the exception a message of the default interface raises. */
export function idOf(messageId: string, interfaceId = ITF): string {
  return exceptionId(interfaceId, messageId);
}

export function audit(overrides: Partial<AuditInput> = {}): AuditInput {
  return {
    at: T0 + 5 * MINUTE,
    actor: 'alice',
    tokenName: 'ops-token',
    action: 'acknowledge',
    reason: 'looking into it',
    detail: null,
    ...overrides,
  };
}

export function newReplay(overrides: Partial<NewReplay> = {}): NewReplay {
  return {
    requestId: 'req-1',
    jobId: null,
    requestedBy: 'alice',
    approvedBy: null,
    reason: 'mapping fixed',
    targetKind: 'http',
    target: 'POST http://erp.example/confirmations',
    ...overrides,
  };
}

/** The guarded change that starts a replay of an open exception. */
export function replayChange(exceptionId: string, overrides: Partial<ExceptionChange> = {}):
  ExceptionChange {
  return {
    exceptionId,
    from: ['open', 'acknowledged', 'approved'],
    to: 'replaying',
    set: { hold: null },
    audit: audit({ action: 'replay', reason: 'mapping fixed', detail: { target: 'erp' } }),
    replay: newReplay(),
    ...overrides,
  };
}

/** Rows in a stable order, since the store promises none for aggregates. */
export function sorted<T>(rows: readonly T[]): T[] {
  return [...rows].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
}

/** Records a classified failure and returns the exception it raised. */
export async function raise(store: Store, overrides: Partial<EventRecord> = {},
  classified: Partial<Classification> = {}): Promise<ExceptionRecord> {
  const failed = failure(overrides, classified);
  await store.recordEvents([failed]);
  const raised = await store.getException(idOf(failed.messageId, failed.interfaceId));
  if (!raised) throw new Error(`no exception raised for ${failed.messageId}`);
  return raised;
}
