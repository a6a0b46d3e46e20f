import { defineConfig } from 'vitest/config';

// Each package owns its test setup; the root run is the union of them.
export default defineConfig({
  test: {
    projects: ['*/vitest.config.ts'],
  },
});
