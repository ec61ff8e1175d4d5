import { parentPort } from 'node:worker_threads';
import { loadClipper } from '../geometry/wasm-clipper.js';
import type { Task } from './messages.js';
import { runTask, transferList } from './run-task.js';

/** A pool thread: answers each `{ id, task }` with `{ id, result }`, in the order they come. */
const port = parentPort;
if (port) {
  // Compiled while the thread waits for its first task (the main thread reads the inputs meanwhile),
  // not when the first task comes and waits for it. A failure shows when a task awaits it; the
  // coverage read, often the first task, does not wait for it.
  loadClipper().catch(() => {});
  port.on('message', async ({ id, task }: { id: number; task: Task }) => {
    const result = await runTask(task);
    port.postMessage({ id, result }, transferList(result));
  });
}
