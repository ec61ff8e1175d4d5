// A child process for the kill test: writes the rows serialized in argv[3] to the GeoPackage history at argv[2].
import { readFileSync } from 'node:fs';
import { deserialize } from 'node:v8';
import { GeoPackageHistory } from '../../src/history/gpkg-history.js';
import type { HistoryRows } from '../../src/history/history-rows.js';

const [path, rowsFile] = process.argv.slice(2);
const rows = deserialize(readFileSync(rowsFile)) as HistoryRows;
await new GeoPackageHistory(path).write(rows, { force: false });
console.log('committed');
