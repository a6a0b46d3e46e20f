/** Every data-testid the app renders, in one place for tests to share. */
export const testIds = {
  appConfig: {
    url: 'syncgov-config-url',
    token: 'syncgov-config-token',
    save: 'syncgov-config-save',
    test: 'syncgov-config-test',
    result: 'syncgov-config-result',
  },
  overview: {
    page: 'syncgov-overview',
    summary: 'syncgov-overview-summary',
    kioskLink: 'syncgov-overview-kiosk-link',
  },
  matrix: {
    table: 'syncgov-matrix',
    cell: (plant: string, process: string) => `syncgov-matrix-cell-${plant}-${process}`,
    plant: (plant: string) => `syncgov-matrix-plant-${plant}`,
    process: (process: string) => `syncgov-matrix-process-${process}`,
  },
  exceptions: {
    page: 'syncgov-exceptions',
    table: 'syncgov-exceptions-table',
    row: (id: string) => `syncgov-exception-row-${id}`,
    rowReplay: (id: string) => `syncgov-exception-row-replay-${id}`,
    keySearch: 'syncgov-exceptions-key-search',
    filter: (name: string) => `syncgov-exceptions-filter-${name}`,
    total: 'syncgov-exceptions-total',
    loadMore: 'syncgov-exceptions-load-more',
    bulkReplay: 'syncgov-exceptions-bulk-replay',
  },
  drawer: {
    root: 'syncgov-exception-drawer',
    action: (action: string) => `syncgov-action-${action}`,
    actionReason: (action: string) => `syncgov-action-reason-${action}`,
    payload: 'syncgov-exception-payload',
    timeline: 'syncgov-exception-timeline',
  },
  replayConfirm: {
    modal: 'syncgov-replay-confirm',
    policy: 'syncgov-replay-confirm-policy',
    confirm: 'syncgov-replay-confirm-button',
    outcome: 'syncgov-replay-outcome',
  },
  bulk: {
    modal: 'syncgov-bulk-replay',
    plan: 'syncgov-bulk-plan',
    start: 'syncgov-bulk-start',
    progress: 'syncgov-bulk-progress',
    cancel: 'syncgov-bulk-cancel',
  },
  catalog: {
    page: 'syncgov-catalog',
    row: (id: string) => `syncgov-catalog-row-${id}`,
  },
  panel: {
    matrix: 'syncgov-panel-matrix',
    queue: 'syncgov-panel-queue',
  },
} as const;
