import { afterEach, beforeEach } from 'vitest';

// Component tests get Grafana's runtime boundary; the browser test, which
// runs in node, drives a real page instead and needs none of it. Test files
// share modules within a worker, so hooks are registered here, per file.
if (typeof window !== 'undefined') {
  await import('./dom-polyfills');
  const dom = await import('./setup-dom');
  dom.installGrafanaBoundary();
  beforeEach(dom.beforeEachTest);
  afterEach(dom.afterEachTest);
}
