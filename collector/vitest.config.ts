import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    name: 'collector',
    root: import.meta.dirname,
    include: ['test/**/*.test.ts'],
    environment: 'node',
    globalSetup: ['test/support/global-build.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
