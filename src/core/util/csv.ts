/** CSV as RFC 4180 (CRLF line ends), safe to open in a spreadsheet. */
export function csvDocument(rows: ReadonlyArray<ReadonlyArray<string>>): string {
  return rows.map((row) => row.map(csvField).join(',')).join('\r\n') + '\r\n';
}

/** One field: formula-guarded, then quoted when it holds a comma, quote or line break. */
export function csvField(value: string): string {
  const safe = guardFormula(value);
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

const PLAIN_NUMBER = /^-?\d+(?:\.\d+)?$/;

/**
 * Spreadsheets run a cell that starts with = + - @ (or a tab/CR before one) as a formula, so text from
 * a timeline could call out or run commands when the file is opened (CSV injection, OWASP).
 * Plain numbers such as -5 are left alone: they are data, and a quote would turn them into text.
 */
export function guardFormula(value: string): string {
  return /^[=+\-@\t\r]/.test(value) && !PLAIN_NUMBER.test(value) ? `'${value}` : value;
}
