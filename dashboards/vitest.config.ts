import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    name: 'dashboards',
    root: import.meta.dirname,
    include: ['test/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
  },
});
