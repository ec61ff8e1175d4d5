import { parentPort } from 'node:worker_threads';
import { loadClipper } from '../geometry/wasm-clipper.js';
import type { Task } from './messages.js';
import { runTask } from './run-task.js';

/** A pool thread: answers each `{ id, task }` with `{ id, result }`, in the order they come. */
const port = parentPort;
if (port) {
  port.on('message', async ({ id, task }: { id: number; task: Task }) => {
    await loadClipper();
    port.postMessage({ id, result: runTask(task) });
  });
}
