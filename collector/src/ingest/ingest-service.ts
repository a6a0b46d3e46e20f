import type { Logger } from 'pino';
import type { CatalogSource } from '../catalog/catalog-source.js';
import { ERRORS, SyncgovError, type ErrorDefinition } from '../errors/catalogue.js';
import type { CollectorMetrics } from '../metrics/collector-metrics.js';
import type { LabelWarning } from '../metrics/labels.js';
import type { EventOutcome, EventRecord, Store } from '../store/store.js';
import { recordMessageSpan } from '../tracing/message-spans.js';
import { messageTraceId } from '../tracing/trace-ids.js';
import type { Tracing } from '../tracing/tracing.js';
import { SchemaValidator } from '../validation/validator.js';
import { LifecycleEvent } from './event-schema.js';
import { normalise } from './normalise.js';

/** A fault or a remark about one item of a batch. */
export interface ItemIssue {
  code: string;
  message: string;
  field: string;
  value: unknown;
  expected?: string;
  hint: string;
}

export interface ItemResult {
  index: number;
  status: 'accepted' | 'duplicate' | 'rejected';
  messageId?: string;
  errors?: ItemIssue[];
  warnings?: ItemIssue[];
}

export interface BatchResult {
  accepted: number;
  duplicates: number;
  rejected: number;
  results: ItemResult[];
}

const validator = new SchemaValidator<LifecycleEvent>(LifecycleEvent);

const WARNINGS: Record<LabelWarning, { definition: ErrorDefinition; field: string }> = {
  unknown_interface: { definition: ERRORS.EVENT_UNKNOWN_INTERFACE, field: 'interface' },
  unknown_plant: { definition: ERRORS.EVENT_UNKNOWN_PLANT, field: 'plant' },
  plant_not_served: { definition: ERRORS.EVENT_PLANT_NOT_SERVED, field: 'plant' },
};

/**
 * Takes a batch of lifecycle events: checks each one, stores the good ones
 * durably in one transaction, then counts them. Nothing is counted unless it
 * is stored, so metrics never run ahead of the store.
 */
export class IngestService {
  constructor(
    private readonly catalog: CatalogSource,
    private readonly store: Store,
    private readonly metrics: CollectorMetrics,
    private readonly tracing: Tracing,
    private readonly log: Logger,
  ) {}

  async ingest(items: readonly unknown[], receivedAt = Date.now()): Promise<BatchResult> {
    const catalog = this.catalog.current;
    const results: ItemResult[] = [];
    const records: { index: number; record: EventRecord; warnings: LabelWarning[] }[] = [];
    items.forEach((item, index) => {
      const problems = validator.problems(item);
      if (problems.length === 0) {
        records.push({ index, ...normalise(catalog, item as LifecycleEvent, receivedAt) });
        return;
      }
      results[index] = rejected(index, item, problems);
    });

    const outcomes = await this.persist(records.map((r) => r.record));
    records.forEach(({ index, record, warnings }, i) => {
      const outcome = outcomes[i] as EventOutcome;
      results[index] = this.account(index, record, warnings, outcome);
    });
    return summarise(results, this.metrics);
  }

  private async persist(records: EventRecord[]): Promise<EventOutcome[]> {
    if (records.length === 0) return [];
    try {
      return await this.store.recordEvents(records);
    } catch (err) {
      this.log.error({ err, events: records.length }, 'store refused a batch');
      throw new SyncgovError('STORE_UNAVAILABLE', 'the batch could not be stored; nothing of it was kept');
    }
  }

  private account(
    index: number,
    record: EventRecord,
    warnings: LabelWarning[],
    outcome: EventOutcome,
  ): ItemResult {
    const issues = warnings.map((w) => warningIssue(w, index, record));
    for (const w of warnings) this.metrics.labelsRefused.inc({ label: WARNINGS[w].field });
    const base = { index, messageId: record.messageId, ...(issues.length ? { warnings: issues } : {}) };
    if (outcome.duplicate) return { ...base, status: 'duplicate' };
    try {
      this.count(record, outcome);
    } catch (err) {
      // The event is stored: a metrics fault must not turn its 202 into an error.
      this.log.error({ err, interface: record.interfaceId }, 'counting an event failed');
    }
    return { ...base, status: 'accepted' };
  }

  private count(record: EventRecord, outcome: EventOutcome): void {
    const labels = record.labels;
    this.metrics.lifecycleEvents.inc({ ...labels, stage: record.stage });
    if (outcome.state === outcome.previousState || outcome.state === 'in_flight') return;
    this.metrics.messages.inc({ ...labels, outcome: outcome.state });
    const traceId = outcome.traceId ?? messageTraceId(record.interfaceId, record.messageId);
    recordMessageSpan(this.tracing, record, outcome, traceId);
    if (outcome.state === 'delivered') this.observeLatency(record, outcome, traceId);
  }

  private observeLatency(record: EventRecord, outcome: EventOutcome, traceId: string): void {
    const labels = record.labels;
    const seconds = Math.max(0, (record.eventTime - outcome.startedAt) / 1000);
    // An exemplar-enabled histogram takes the object form only; prom-client
    // types exemplar labels as metric labels, though any name is valid.
    const exemplarLabels = { trace_id: traceId } as unknown as Partial<typeof labels>;
    this.metrics.latency.observe({ labels, value: seconds, exemplarLabels });
  }
}

function rejected(index: number, item: unknown, problems: { path: string; value: unknown;
  expected: string }[]): ItemResult {
  const messageId = typeof item === 'object' && item !== null
    ? (item as { messageId?: unknown }).messageId : undefined;
  const errors = problems.map((p) => ({
    code: ERRORS.EVENT_INVALID.code,
    message: `events[${index}]${p.path.replace(/\//g, '.')}: expected ${p.expected}`,
    field: `/events/${index}${p.path}`,
    value: p.value,
    expected: p.expected,
    hint: ERRORS.EVENT_INVALID.hint,
  }));
  return {
    index,
    status: 'rejected',
    ...(typeof messageId === 'string' ? { messageId } : {}),
    errors,
  };
}

function warningIssue(warning: LabelWarning, index: number, record: EventRecord): ItemIssue {
  const { definition, field } = WARNINGS[warning];
  const value = field === 'interface' ? record.interfaceId : record.plantId;
  const what = warning === 'plant_not_served'
    ? `interface ${record.interfaceId} does not serve plant ${value} in the catalog`
    : `${field} ${JSON.stringify(value)} is not in the catalog`;
  return { code: definition.code, message: what, field: `/events/${index}/${field}`, value,
    hint: definition.hint };
}

function summarise(results: ItemResult[], metrics: CollectorMetrics): BatchResult {
  const count = (status: ItemResult['status']) =>
    results.filter((r) => r.status === status).length;
  const summary = {
    accepted: count('accepted'), duplicates: count('duplicate'), rejected: count('rejected'),
  };
  metrics.accepted.inc(summary.accepted);
  metrics.duplicates.inc(summary.duplicates);
  if (summary.rejected > 0) metrics.rejected.inc({ code: ERRORS.EVENT_INVALID.code }, summary.rejected);
  return { ...summary, results };
}
