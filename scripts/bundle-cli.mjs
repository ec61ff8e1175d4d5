// The CLI, its job threads and its worker as one ES module each (dist/cli/main.js, analyze-job.js, queue-job.js,
// worker.js), over tsc's
// output for the library: one module to load instead of ~100 saves ~30 ms at every start (measured
// with `node dist/cli/main.js --help`, 160 → 130 ms). The small pure-JS packages go into the bundle
// too (clipper2-ts, flatbush, robust-predicates: another ~25 ms, `--version` 170 → 145 ms; they stay
// in `dependencies`, so their licences install with them); external stay clipper2-wasm (it finds its
// .wasm next to itself, and loads on first use), and geotiff, proj4, pg (--history), bullmq and ioredis (--queue), which load on first use.
import { build } from 'esbuild';

await build({
  entryPoints: {
    main: 'src/cli/main.ts',
    'analyze-job': 'src/cli/analyze-job.ts',
    'queue-job': 'src/cli/queue-job.ts',
    worker: 'src/parallel/worker.ts',
  },
  outdir: 'dist/cli',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  external: ['@resvg/resvg-js', 'better-sqlite3', 'clipper2-wasm', 'geotiff', 'proj4', 'pg', 'bullmq', 'ioredis'],
  sourcemap: true,
  logLevel: 'warning',
});
