/**
 * The queue's infrastructure failed (Redis unreachable or gone, a job lost): neither the user's input
 * nor our bug. The CLI says it in one line and ends with exit code 1.
 */
export class QueueError extends Error {
  override readonly name = 'QueueError';
}

export function isQueueError(error: unknown): error is QueueError {
  return error instanceof Error && error.name === 'QueueError';
}
