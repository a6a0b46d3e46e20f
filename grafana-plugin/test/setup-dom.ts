import '@testing-library/jest-dom/vitest';
import { setBackendSrv, setCurrentUser } from '@grafana/runtime';
import { cleanup } from '@testing-library/react';

import { asBackendSrv, backend } from './support/fakeBackend';
import { grant, testUser } from './support/user';

let installed = false;

/** Puts the fake behind Grafana's runtime boundary, once per worker. */
export function installGrafanaBoundary(): void {
  if (installed) {
    return;
  }
  installed = true;
  setBackendSrv(asBackendSrv(backend));
  setCurrentUser(testUser as unknown as Parameters<typeof setCurrentUser>[0]);
}

export function beforeEachTest(): void {
  backend.reset();
  grant('read', 'triage', 'replay');
}

export function afterEachTest(): void {
  cleanup();
}
