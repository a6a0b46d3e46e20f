import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    name: 'provisioning',
    root: import.meta.dirname,
    include: ['test/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
    // The stack test runs real processes for minutes; give it its own budget.
    hookTimeout: 120_000,
  },
});
