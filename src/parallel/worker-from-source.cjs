// Under the test runner the worker is TypeScript, loaded through tsx, whose hooks a worker thread
// only applies to `require` (an ES module entry fails on the .ts extension): this file requires it.
require(require('node:worker_threads').workerData.entry);
