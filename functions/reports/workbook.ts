/**
 * The Excel workbook: one sheet per report table, the header row frozen, amounts in a currency
 * format, rates in a percent format, a bold totals row, the definition under the table. exceljs
 * cannot write native charts, so the column a picture helps most (totals by payer, denial amounts,
 * queue amounts) carries conditional-format data bars: a bar inside each cell, scaled to the column.
 * Cells hold cents / 100 and basis points / 10,000 only here, where Excel needs a number to format.
 */
import ExcelJS from 'exceljs';
import type { CellValue, ColumnKind, ReportRow, ReportTable } from './financial-reports.ts';

/** Number formats by column kind (Excel codes). */
export const numberFormats: Readonly<Record<ColumnKind, string | undefined>> = {
  text: undefined,
  flag: undefined,
  count: '#,##0;-#,##0',
  cents: '"$"#,##0.00;[Red]-"$"#,##0.00',
  percent: '0.00%',
  days: '0.0',
};

/** The number Excel stores for a cell of this kind. */
function excelValue(value: CellValue, kind: ColumnKind): string | number | null {
  if (value === null) return null;
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (typeof value === 'string') return value;
  if (kind === 'cents') return value / 100;
  if (kind === 'percent') return value / 10_000;
  if (kind === 'days') return value / 10;
  return value;
}

/** Excel's column letters for a 1-based column number. */
function columnLetter(n: number): string {
  let s = '';
  for (let x = n; x > 0; x = Math.floor((x - 1) / 26)) s = String.fromCharCode(65 + ((x - 1) % 26)) + s;
  return s;
}

function addSheet(workbook: ExcelJS.Workbook, table: ReportTable): void {
  const sheet = workbook.addWorksheet(table.name, { views: [{ state: 'frozen', xSplit: 0, ySplit: 1 }] });
  sheet.columns = table.columns.map((c) => ({
    header: c.header,
    key: c.key,
    width: Math.max(12, Math.min(60, c.header.length + 4, c.kind === 'text' ? 60 : 20)),
  }));
  const header = sheet.getRow(1);
  header.font = { bold: true };
  header.alignment = { vertical: 'middle', wrapText: true };
  const write = (row: ReportRow) => {
    const added = sheet.addRow(table.columns.map((c) => excelValue(row.cells[c.key] ?? null, row.kinds?.[c.key] ?? c.kind)));
    table.columns.forEach((c, i) => {
      const format = numberFormats[row.kinds?.[c.key] ?? c.kind];
      if (format) added.getCell(i + 1).numFmt = format;
    });
    return added;
  };
  for (const row of table.rows) write(row);
  if (table.totals) {
    const totals = write(table.totals);
    totals.font = { bold: true };
    totals.eachCell((cell) => {
      cell.border = { top: { style: 'thin' } };
    });
  }
  if (table.bars && table.rows.length > 0) {
    const col = columnLetter(table.columns.findIndex((c) => c.key === table.bars) + 1);
    sheet.addConditionalFormatting({
      ref: `${col}2:${col}${table.rows.length + 1}`,
      rules: [{ type: 'dataBar', priority: 1, gradient: false, cfvo: [{ type: 'min' }, { type: 'max' }] }],
    });
  }
  sheet.addRow([]);
  sheet.addRow([table.title]).font = { italic: true };
  sheet.addRow([table.definition]).font = { italic: true };
}

/** The workbook of every table, as xlsx bytes. */
export async function reportWorkbook(tables: readonly ReportTable[], meta: { readonly createdAt: Date }): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'patient-accounts financial reports';
  workbook.created = meta.createdAt;
  workbook.modified = meta.createdAt;
  for (const table of tables) addSheet(workbook, table);
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}
