import type { TextSink } from './progress-reporter.js';

/** What a run needs from its process: where its text goes (stderr's isTTY picks the progress bar). */
export interface CliIo {
  stdout: TextSink;
  stderr: TextSink;
}
