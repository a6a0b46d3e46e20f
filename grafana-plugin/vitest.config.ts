import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const root = fileURLToPath(new URL('.', import.meta.url));

// Components run in jsdom; the browser test opts into node per file.
export default defineConfig({
  root,
  test: {
    name: 'grafana-plugin',
    environment: 'jsdom',
    include: ['src/**/*.test.{ts,tsx}', 'test/**/*.test.ts'],
    setupFiles: ['test/setup.ts'],
    testTimeout: 15_000,
    hookTimeout: 240_000,
    expect: { poll: { timeout: 30_000 } },
    // Loading @grafana/ui takes seconds; share it between the files of a worker.
    isolate: false,
    css: false,
    // @grafana/ui imports CSS from its dependencies: let vite transform it.
    server: { deps: { inline: [/@grafana\//, /uplot/] } },
  },
});
