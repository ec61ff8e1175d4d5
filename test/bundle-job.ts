// Vitest's global setup: the CLI, its job thread and its pool worker bundled from the source once per
// test run (as scripts/bundle-cli.mjs does for dist/), so a CLI run's threads and processes start
// without loading tsx in each (it tripled the CPU time of the CLI tests).
import { rmSync } from 'node:fs';
import { build } from 'esbuild';
import type { TestProject } from 'vitest/node';

/** Two folders below the repository, as dist/cli is: the job finds package.json at ../../. */
export const JOB_BUNDLE = new URL('../.test-build/cli/', import.meta.url);

/** Vitest's global setup: bundles now, and again before each rerun in watch mode (the source changed). */
export default async function setup(project: TestProject): Promise<void> {
  project.onTestsRerun(bundleJob);
  await bundleJob();
}

async function bundleJob(): Promise<void> {
  rmSync(JOB_BUNDLE, { recursive: true, force: true });
  await build({
    entryPoints: {
      main: 'src/cli/main.ts',
      'analyze-job': 'src/cli/analyze-job.ts',
      'queue-job': 'src/cli/queue-job.ts',
      worker: 'src/parallel/worker.ts',
    },
    outdir: JOB_BUNDLE.pathname,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    // As scripts/bundle-cli.mjs: clipper2-wasm finds its .wasm beside itself.
    external: ['@resvg/resvg-js', 'clipper2-wasm', 'geotiff', 'proj4', 'pg', 'bullmq', 'ioredis'],
    sourcemap: 'inline',
    logLevel: 'warning',
  });
}
