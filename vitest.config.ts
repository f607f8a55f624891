import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/unit/**/*.test.ts', 'tests/sync/**/*.test.ts', 'tests/hub/**/*.test.ts'],
    environment: 'node',
    testTimeout: 30_000,
  },
});
