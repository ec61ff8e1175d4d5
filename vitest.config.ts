import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    setupFiles: ['test/setup.ts'],
    globalSetup: ['test/bundle-job.ts'],
    // One module graph per worker process, not per file: each file's loading (the source, the WebAssembly
    // Clipper) cost more than a third of the CPU time of test/io. No test mocks modules or globals.
    isolate: false,
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // CI also writes a JSON report, from which .ci/run prints a plain "N passed, N failed" line.
    reporters: process.env.CI ? ['default', 'json'] : ['default'],
    outputFile: process.env.CI ? { json: '.ci/vitest-report.json' } : undefined,
  },
});
