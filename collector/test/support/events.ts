import type { LifecycleEvent } from '../../src/ingest/event-schema.js';

/** A well-formed lifecycle event of the example catalog, with overrides. */
export function lifecycleEvent(overrides: Partial<LifecycleEvent> = {}): LifecycleEvent {
  return {
    interface: 'mes-erp-completion',
    plant: 'cz-pls',
    messageId: 'msg-1',
    stage: 'received',
    eventTime: '2026-12-03T10:00:00.000Z',
    businessKeys: [{ type: 'production_order', value: 'PO-CZ-PLS-000001' }],
    ...overrides,
  };
}
