// A child process for the kill test: writes the rows serialized in argv[3] to the history at argv[2].
import { readFileSync } from 'node:fs';
import { deserialize } from 'node:v8';
import type { HistoryRows } from '../../src/history/history-rows.js';
import { PostgresHistory } from '../../src/history/postgres-history.js';

const [url, rowsFile] = process.argv.slice(2);
const rows = deserialize(readFileSync(rowsFile)) as HistoryRows;
await new PostgresHistory(url).write(rows, { force: false });
console.log('committed');
