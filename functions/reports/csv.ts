/**
 * One RFC 4180 CSV file per report table. Amounts are exact decimal dollars written from integer
 * cents ("1234.05"), rates are percents with two decimals from basis points ("12.34"), days with
 * one decimal from tenths: no float ever touches money. The header names the unit.
 */
import type { CellValue, ColumnKind, ReportRow, ReportTable } from './financial-reports.ts';

/** An integer scaled down by 10^places, written exactly ("-0.05" for -5 at 2 places). */
export function fixedPoint(value: number, places: number): string {
  const sign = value < 0 ? '-' : '';
  const digits = String(Math.abs(value)).padStart(places + 1, '0');
  return places === 0 ? sign + digits : `${sign}${digits.slice(0, -places)}.${digits.slice(-places)}`;
}

/** The text of a cell of this kind. */
export function cellText(value: CellValue, kind: ColumnKind): string {
  if (value === null) return '';
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (typeof value === 'string') return value;
  switch (kind) {
    case 'cents':
      return fixedPoint(value, 2);
    case 'percent':
      return fixedPoint(value, 2);
    case 'days':
      return fixedPoint(value, 1);
    default:
      return String(value);
  }
}

const units: Partial<Record<ColumnKind, string>> = { cents: ' ($)', percent: ' (%)', days: ' (days)' };

const field = (text: string): string => (/[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text);

/** The table as CSV text, header first, totals row last; lines end in CRLF as RFC 4180 asks. */
export function tableCsv(table: ReportTable): string {
  const header = table.columns.map((c) => field(c.header + (units[c.kind] ?? ''))).join(',');
  const line = (row: ReportRow) =>
    table.columns.map((c) => field(cellText(row.cells[c.key] ?? null, row.kinds?.[c.key] ?? c.kind))).join(',');
  const rows = [...table.rows, ...(table.totals ? [table.totals] : [])].map(line);
  return [header, ...rows].join('\r\n') + '\r\n';
}
