import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Vitest's default (one worker fewer than the cores) runs files one at a time on 2 cores, where
    // the suite mostly waits (bot processes, leases, PostgreSQL): one worker kept the CPUs 46 % busy.
    // Each worker has a PostgreSQL database of its own (test/helpers/stores.ts).
    maxWorkers: Math.max(2, availableParallelism() - 1),
  },
});
