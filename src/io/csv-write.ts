/** RFC 4180 CSV: a header, then one line per row; fields with commas, quotes or line breaks are quoted. */
export function* csvChunks(header: readonly string[], rows: Iterable<readonly unknown[]>): Generator<string> {
  yield `${header.map(field).join(',')}\r\n`;
  for (const row of rows) yield `${row.map(field).join(',')}\r\n`;
}

function field(value: unknown): string {
  const text = value === null || value === undefined ? '' : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}
