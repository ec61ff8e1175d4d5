import { loadClipper } from '../geometry/wasm-clipper.js';
import type { Task, TaskResult } from './messages.js';
import { runTask } from './run-task.js';

/** The piscina worker entry. */
export default async function work(task: Task): Promise<TaskResult> {
  await loadClipper();
  return runTask(task);
}
