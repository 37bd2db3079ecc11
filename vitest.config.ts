import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';

const require = createRequire(import.meta.url);

export default defineConfig({
  resolve: {
    // Vitest would otherwise load graphql both as ESM and as CJS (the Apollo packages require() it),
    // and graphql refuses schemas from "another module or realm". One copy: the CJS entry.
    alias: { graphql: require.resolve('graphql') },
  },
  test: {
    include: ['test/**/*.test.ts', 'src/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Each file gets its own database (a PGlite instance or a fresh Postgres database), so files
    // may run in parallel; two workers match the machine's two cores.
    maxWorkers: 2,
    // Files in a worker share its loaded modules instead of importing the whole gateway again each
    // (import time fell from about 150 s to 25 s of a run). Safe while no test mocks a module or
    // leans on module state: each file opens its own database and gateway.
    isolate: false,
  },
});
