import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// Unit and integration tests. Every test file that touches data gets its own
// database, cloned from a migrated template (test/global-setup.ts), so files
// run in parallel against one real PostgreSQL.
export default defineConfig({
  resolve: {
    alias: { '@': path.dirname(fileURLToPath(import.meta.url)) },
  },
  test: {
    include: ['**/*.test.ts', '**/*.test.tsx'],
    exclude: ['**/node_modules/**', 'e2e/**', '.next/**', '.data/**'],
    environment: 'node',
    globalSetup: './test/global-setup.ts',
    pool: 'forks',
    // Integration tests mostly wait on PostgreSQL and local fake servers, so more files than
    // cores run well; the cap keeps connections under the embedded server's max_connections.
    maxWorkers: Math.min(8, Math.max(4, os.availableParallelism())),
    testTimeout: 30_000,
    hookTimeout: 60_000,
    teardownTimeout: 30_000,
    // Tests run the real worker, which logs through console.error on purpose for failed jobs.
    silent: 'passed-only',
    // next-auth imports `next/server` and `next/headers` without extensions, which Node's ESM
    // resolver refuses; processed by Vite instead, it resolves them, and a test's
    // vi.mock('next/headers') reaches Auth.js too (test/harness/next-request.ts).
    server: { deps: { inline: ['next-auth'] } },
  },
});
