// The CLI and its worker as one ES module each (dist/cli/main.js, dist/cli/worker.js), over tsc's
// output for the library: one module to load instead of ~100 saves ~30 ms at every start (measured
// with `node dist/cli/main.js --help`, 160 → 130 ms). Packages stay external: clipper2-wasm finds its
// .wasm next to itself, geotiff and proj4 load on first use.
import { build } from 'esbuild';

await build({
  entryPoints: { main: 'src/cli/main.ts', worker: 'src/parallel/worker.ts' },
  outdir: 'dist/cli',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  sourcemap: true,
  logLevel: 'warning',
});
