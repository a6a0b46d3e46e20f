import '@testing-library/jest-dom/vitest';
import { setBackendSrv, setCurrentUser } from '@grafana/runtime';
import { cleanup } from '@testing-library/react';
import { afterEach, beforeEach } from 'vitest';

import { asBackendSrv, backend } from './support/fakeBackend';
import { grant, testUser } from './support/user';

setBackendSrv(asBackendSrv(backend));
try {
  setCurrentUser(testUser as unknown as Parameters<typeof setCurrentUser>[0]);
} catch {
  // Test files share one module graph per worker: the user is already set.
}

beforeEach(() => {
  backend.reset();
  grant('read', 'triage', 'replay');
});

afterEach(() => {
  cleanup();
});
