/** What the CLI says when a signal ends it: what was left behind, for a run or for a worker. */
export function interruptMessage(
  signal: string,
  run: { worker: boolean; committed: boolean; historyPending?: boolean },
): string {
  // A worker writes no outputs: its job, unfinished, goes to another worker once its lock runs out.
  if (run.worker) return `funkatlas worker: stopped (${signal}); a job it had goes to another worker\n`;
  if (!run.committed) return `funkatlas: interrupted (${signal}); no partial outputs were left\n`;
  const history = run.historyPending ? '; the history was not written (its transaction rolls back)' : '';
  return `funkatlas: interrupted (${signal}) after the outputs were written${history}\n`;
}
