// Component tests get Grafana's runtime boundary; the browser test, which
// runs in node, drives a real page instead and needs none of it.
if (typeof window !== 'undefined') {
  await import('./dom-polyfills');
  await import('./setup-dom');
}

export {};
