import type { Catalog } from '../catalog/catalog.js';
import { classify } from '../exceptions/classify.js';
import { resolveLabels, type LabelWarning } from '../metrics/labels.js';
import type { EventRecord } from '../store/store.js';
import type { LifecycleEvent } from './event-schema.js';

/** A validated event ready for the store, with what its labels revealed. */
export interface NormalisedEvent {
  record: EventRecord;
  warnings: LabelWarning[];
}

/** Turns a validated event into its stored form; classifies failures. */
export function normalise(
  catalog: Catalog,
  event: LifecycleEvent,
  receivedAt: number,
): NormalisedEvent {
  const { labels, warnings } = resolveLabels(catalog, event.interface, event.plant);
  const error = {
    code: event.error?.code ?? null,
    message: event.error?.message ?? null,
    httpStatus: event.error?.httpStatus ?? null,
  };
  const eventTime = Date.parse(event.eventTime);
  const classification = event.stage === 'failed'
    ? classify(catalog, {
      ...error, interfaceId: event.interface, categoryHint: event.error?.category ?? null,
    }, eventTime)
    : null;
  const itf = catalog.interfaces.get(event.interface);
  const record: EventRecord = {
    interfaceId: event.interface,
    plantId: event.plant,
    labels,
    sourceSystem: itf?.source ?? null,
    targetSystem: itf?.target ?? null,
    messageId: event.messageId,
    correlationId: event.correlationId ?? null,
    stage: event.stage,
    eventTime,
    sourceTime: event.sourceTime === undefined ? null : Date.parse(event.sourceTime),
    receivedAt,
    businessKey: event.businessKeys[0] as EventRecord['businessKey'],
    businessKeys: event.businessKeys,
    relatedKeys: event.relatedKeys ?? [],
    quantity: event.quantity ?? null,
    value: event.value ?? null,
    unit: event.unit ?? null,
    currency: event.currency ?? null,
    errorCode: error.code,
    errorMessage: error.message,
    errorCategory: event.error?.category ?? null,
    httpStatus: error.httpStatus,
    payload: event.payload === undefined ? null : JSON.stringify(event.payload),
    payloadRef: event.payloadRef ?? null,
    traceId: event.traceId ?? null,
    spanId: event.spanId ?? null,
    attributes: event.attributes ?? null,
    classification,
  };
  return { record, warnings };
}
