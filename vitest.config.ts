import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';

const require = createRequire(import.meta.url);

/**
 * Files that never open a database (the synthetic population's generators, the points engine, ID
 * numbers, token keys): nothing in them depends on the driver, so the run on PostgreSQL
 * (DATABASE_URL set) leaves them to the run on PGlite instead of repeating them. A file that
 * reads a database does not belong here.
 */
const DRIVER_INDEPENDENT = [
  'test/population/generator.test.ts',
  'test/population/tax-hrss-generator.test.ts',
  'test/population/education-health-housing.test.ts',
  'test/departments/*/demo-data.test.ts',
  'test/domain/**',
  'test/points/!(federated-answers).test.ts',
  'test/auth/keys-and-tokens.test.ts',
  'test/db/copy-text.test.ts',
  'test/subgraphs/compiled-execution.test.ts',
  'test/bench/cpu.test.ts',
  'test/bench/soak.test.ts',
];

/**
 * Needs a PostgreSQL hot standby of the test server (.ci/run starts one and names it in
 * TEST_STREAMING_REPLICA_URL): run on the PostgreSQL run when there is one.
 */
const NEEDS_STANDBY = ['test/subgraphs/streaming-replica.test.ts'];
const standbyRun = Boolean(process.env.DATABASE_URL && process.env.TEST_STREAMING_REPLICA_URL);

export default defineConfig({
  resolve: {
    // Vitest would otherwise load graphql both as ESM and as CJS (the Apollo packages require() it),
    // and graphql refuses schemas from "another module or realm". One copy: the CJS entry.
    alias: { graphql: require.resolve('graphql') },
  },
  test: {
    include: ['test/**/*.test.ts', 'src/**/*.test.ts'],
    exclude: ['**/node_modules/**', ...(process.env.DATABASE_URL ? DRIVER_INDEPENDENT : []), ...(standbyRun ? [] : NEEDS_STANDBY)],
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
