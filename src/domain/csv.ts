// CSV for spreadsheets: `;` separator, French column names, UTF-8 with a BOM so that Excel reads the accents.

export const CSV_BOM = '\uFEFF';

/**
 * One cell: quoted when it holds a separator, a quote or a line break; and a value a spreadsheet
 * would run as a formula (`=`, `+`, `-`, `@`, tab, carriage return at the start) is neutralised
 * with a leading apostrophe.
 */
export function csvCell(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  let text = String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[;"\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvLine(cells: ReadonlyArray<string | number | null | undefined>): string {
  return `${cells.map(csvCell).join(';')}\r\n`;
}
