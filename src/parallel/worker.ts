import type { Task, TaskResult } from './messages.js';
import { runTask } from './run-task.js';

/** The piscina worker entry. */
export default function work(task: Task): TaskResult {
  return runTask(task);
}
