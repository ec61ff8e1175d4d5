// Loaded with --import into the CLI under test: reports the process's peak RSS on exit, for the bench.
import { writeSync } from 'node:fs';
process.on('exit', () => writeSync(2, `maxrss_kb=${process.resourceUsage().maxRSS}\n`));
