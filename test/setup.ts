import { loadClipper } from '../src/geometry/wasm-clipper.js';

// Tests call the analysis directly, not only through a task runner (which loads it itself).
await loadClipper();
