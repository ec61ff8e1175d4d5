import { afterAll } from 'vitest';
import { loadClipper } from '../src/geometry/wasm-clipper.js';
import { invalidSummaries, tempDirs } from './helpers.js';

// Tests call the analysis directly, not only through a task runner (which loads it itself).
await loadClipper();

// A run never writes a summary that fails its own schema: every summary.json a test file's runs wrote is checked.
afterAll(() => {
  // Test files share this module (vitest.config.ts: isolate: false): each checks its own folders.
  const problems = invalidSummaries(tempDirs.splice(0));
  if (problems.length > 0)
    throw new Error(`summary.json failing schema/summary.schema.json:\n${problems.join('\n')}`);
});
