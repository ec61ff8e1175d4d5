/**
 * How a CSV is written: `rfc4180` (`,`, decimal point, UTF-8), or `excel-de`, which Excel in a German
 * locale opens as columns (`;`, decimal comma, UTF-8 with a BOM, without which it guesses Windows-1252).
 */
export type CsvDialect = 'rfc4180' | 'excel-de';

export const CSV_DIALECTS: readonly CsvDialect[] = ['rfc4180', 'excel-de'];

/** A header, then one line per row (CRLF); fields with the separator, quotes or line breaks are quoted. */
export function* csvChunks(
  header: readonly string[],
  rows: Iterable<readonly unknown[]>,
  dialect: CsvDialect = 'rfc4180',
): Generator<string> {
  const german = dialect === 'excel-de';
  const separator = german ? ';' : ',';
  const special = german ? /[";\r\n]/ : /[",\r\n]/;
  const field = (value: unknown): string => {
    if (german && typeof value === 'number') return String(value).replace('.', ',').replace('e', 'E');
    const text = value === null || value === undefined ? '' : String(value);
    return special.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
  };
  yield `${german ? '\uFEFF' : ''}${header.map(field).join(separator)}\r\n`;
  for (const row of rows) yield `${row.map(field).join(separator)}\r\n`;
}
