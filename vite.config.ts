import { defineConfig } from 'vitest/config';

export default defineConfig({
  root: 'src/web',
  build: { outDir: '../../dist/web', emptyOutDir: true },
  test: {
    root: '.',
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 600_000,
    pool: 'forks',
    // Starts Neo4j in the background only when a test/store/*neo4j*.test.ts file is selected.
    globalSetup: ['test/setup/neo4j.ts'],
  },
});
