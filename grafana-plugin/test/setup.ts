import '@testing-library/jest-dom/vitest';
import { setBackendSrv, setCurrentUser } from '@grafana/runtime';
import { cleanup } from '@testing-library/react';
import { afterEach, beforeEach } from 'vitest';

import { asBackendSrv, backend } from './support/fakeBackend';
import { grant, testUser } from './support/user';

setBackendSrv(asBackendSrv(backend));
setCurrentUser(testUser as unknown as Parameters<typeof setCurrentUser>[0]);

beforeEach(() => {
  backend.reset();
  grant('read', 'triage', 'replay');
});

afterEach(() => {
  cleanup();
});
