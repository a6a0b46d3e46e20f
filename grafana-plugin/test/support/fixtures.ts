import {
  type Catalog,
  type ExceptionDetail,
  type ExceptionSummary,
  type ImpactReport,
} from '../../src/api/types';

export const catalog: Catalog = {
  organisation: 'Acme Manufacturing',
  currency: 'EUR',
  plants: [
    { id: 'berlin', name: 'Berlin', region: 'emea', timezone: 'Europe/Berlin' },
    { id: 'austin', name: 'Austin', region: 'amer', timezone: 'America/Chicago' },
  ],
  processes: [
    { id: 'production-confirmation', name: 'Production confirmation', criticality: 'high' },
    { id: 'supplier-master', name: 'Supplier master update', criticality: 'low' },
  ],
  owners: { transient: 'integration-ops', invalid_master_data: 'master-data' },
  interfaces: [
    {
      id: 'mes-erp-confirmation',
      name: 'MES to ERP confirmation',
      source: 'mes',
      target: 'erp',
      pattern: 'async_event',
      domain: 'production',
      process: 'production-confirmation',
      plants: ['berlin', 'austin'],
      latencyObjectiveSeconds: 300,
      successObjective: 0.995,
      owners: { transient: 'integration-ops', posting_rule: 'finance-ops' },
      prerequisites: ['erp-mes-order-release'],
      runbook: 'https://runbooks.example/mes-erp-confirmation',
    },
    {
      id: 'erp-srm-supplier',
      name: 'ERP to SRM supplier master',
      source: 'erp',
      target: 'srm',
      pattern: 'batch',
      domain: 'supplier',
      process: 'supplier-master',
      plants: ['berlin'],
      latencyObjectiveSeconds: 86_400,
      successObjective: 0.99,
      owners: { transient: 'integration-ops' },
      prerequisites: [],
      runbook: '',
    },
  ],
};

export const impact: ImpactReport = {
  generatedAt: '2026-07-14T08:00:00.000Z',
  cells: [
    {
      plant: 'berlin',
      process: 'production-confirmation',
      severity: 'critical',
      openExceptions: 42,
      bySeverity: { critical: 40, high: 2, medium: 0, low: 0 },
      slaBreaches: 3,
      oldestAgeSeconds: 3 * 3600 + 12 * 60,
      businessKeysAffected: 40,
      inFlight: 5,
      oldestInFlightAgeSeconds: 600,
      exposure: { quantity: 1200, value: 250_000 },
    },
  ],
};

export function summary(overrides: Partial<ExceptionSummary> = {}): ExceptionSummary {
  return {
    id: 'exc-1',
    interface: 'mes-erp-confirmation',
    plant: 'berlin',
    process: 'production-confirmation',
    class: 'transient',
    severity: 'critical',
    state: 'open',
    owner: 'integration-ops',
    assignee: null,
    businessKey: { type: 'productionOrder', value: '1000123' },
    messageId: 'msg-1',
    errorCode: 'HTTP_503',
    errorMessage: 'ERP answered 503',
    occurrences: 3,
    firstSeenAt: '2026-07-14T05:00:00.000Z',
    lastSeenAt: '2026-07-14T07:00:00.000Z',
    ageSeconds: 3 * 3600,
    recommendedAction: 'Replay once the ERP answers again.',
    replayPolicy: { decision: 'allowed', reason: 'Transient failure; the target is up.' },
    ...overrides,
  };
}

export function detail(overrides: Partial<ExceptionDetail> = {}): ExceptionDetail {
  return {
    ...summary(),
    relatedKeys: [{ type: 'delivery', value: '80017' }],
    traceId: '4bf92f3577b34da6a3ce929d0e0e4736',
    payload: { order: '1000123', quantity: 40, customer: { name: '***' } },
    payloadRef: null,
    timeline: [
      {
        at: '2026-07-14T05:00:00.000Z',
        kind: 'event',
        summary: 'failed: ERP answered 503',
        actor: null,
        detail: null,
      },
      {
        at: '2026-07-14T06:00:00.000Z',
        kind: 'audit',
        summary: 'acknowledged',
        actor: 'ana',
        detail: null,
      },
    ],
    allowedActions: [
      { action: 'replay', allowed: true, reason: null },
      { action: 'acknowledge', allowed: true, reason: null },
      { action: 'approve', allowed: false, reason: 'No replay awaits approval.' },
      { action: 'reject', allowed: false, reason: 'No replay awaits approval.' },
      { action: 'resolve', allowed: true, reason: null },
      { action: 'ignore', allowed: true, reason: null },
    ],
    ...overrides,
  };
}
