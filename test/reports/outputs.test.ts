import { workQueue } from '#schemas/work-item.ts';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { fixedPoint, tableCsv } from '#functions/reports/csv.ts';
import { financialReports, reportTables } from '#functions/reports/financial-reports.ts';
import { reportWorkbook } from '#functions/reports/workbook.ts';
import { fixedBook, PAYER_A } from './fixed-book.ts';

const tables = reportTables(financialReports(fixedBook));

describe('CSV per report', () => {
  it('writes exact decimal dollars from cents and names units in the header', () => {
    const csv = tableCsv(tables.find((t) => t.name === 'ar-aging-by-payer')!);
    expect(csv.split('\r\n')).toEqual([
      'Payer,0–30 days ($),31–60 days ($),61–90 days ($),91–120 days ($),Over 120 days ($),Total ($),Claims',
      `${PAYER_A},1000.00,0.00,0.00,250.00,0.00,1250.00,2`,
      'PAYER-B,0.00,0.00,800.00,0.00,0.00,800.00,1',
      'patient,0.00,100.00,0.00,0.00,60.00,160.00,2',
      'Total,1000.00,100.00,800.00,250.00,60.00,2210.00,5',
      '',
    ]);
  });

  it('fixed point never goes through a float', () => {
    expect([fixedPoint(5, 2), fixedPoint(-5, 2), fixedPoint(123_456_789_012_345, 2), fixedPoint(1137, 1), fixedPoint(0, 2)]).toEqual([
      '0.05',
      '-0.05',
      '1234567890123.45',
      '113.7',
      '0.00',
    ]);
  });

  it('KPI rows carry their unit', () => {
    const lines = tableCsv(tables[0]!).split('\r\n');
    expect(lines[0]).toBe('Indicator,Value,Unit,Numerator,Denominator,Definition');
    expect(lines[1]).toMatch(/^Open A\/R,2210\.00,\$,,,/);
    expect(lines[2]).toMatch(/^Days in A\/R,113\.7,days,2210\.00,1750\.00,/);
    expect(lines[3]).toMatch(/^Net collection rate,45\.43,%,1840\.00,4050\.00,/);
  });
});

describe('the workbook, opened again with exceljs', () => {
  it('has one sheet per report with a frozen header, currency and percent formats, totals and data bars', async () => {
    const bytes = await reportWorkbook(tables, { createdAt: new Date('2026-06-30T06:00:00Z') });
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(bytes) as unknown as ExcelJS.Buffer);
    expect(book.worksheets.map((s) => s.name)).toEqual(tables.map((t) => t.name));

    const aging = book.getWorksheet('ar-aging-by-payer')!;
    expect(aging.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(aging.getRow(1).values).toEqual([
      undefined,
      'Payer',
      '0–30 days',
      '31–60 days',
      '61–90 days',
      '91–120 days',
      'Over 120 days',
      'Total',
      'Claims',
    ]);
    expect(aging.getCell('A2').value).toBe(PAYER_A);
    expect(aging.getCell('B2').value).toBe(1000);
    expect(aging.getCell('B2').numFmt).toBe('"$"#,##0.00;[Red]-"$"#,##0.00');
    expect(aging.getCell('H2').numFmt).toBe('#,##0;-#,##0');
    // Totals row: bold, Σ of the buckets.
    expect(aging.getCell('A5').value).toBe('Total');
    expect(aging.getCell('G5').value).toBe(2210);
    expect(aging.getCell('G5').font?.bold).toBe(true);

    // No native chart (exceljs cannot write one): data bars on the totals column instead.
    expect((aging as unknown as { conditionalFormattings: unknown }).conditionalFormattings).toMatchObject([
      { ref: 'G2:G4', rules: [{ type: 'dataBar' }] },
    ]);

    const kpis = book.getWorksheet('kpis')!;
    const kpiRows = Object.fromEntries([2, 3, 4, 5, 6, 7, 8].map((n) => [String(kpis.getCell(`A${n}`).value), kpis.getRow(n)]));
    expect(kpiRows['Net collection rate']!.getCell(2).value).toBe(0.4543);
    expect(kpiRows['Net collection rate']!.getCell(2).numFmt).toBe('0.00%');
    expect(kpiRows['Days in A/R']!.getCell(2).value).toBe(113.7);
    expect(kpiRows['Days in A/R']!.getCell(2).numFmt).toBe('0.0');
    expect(kpiRows['Initial denial rate']!.getCell(2).value).toBe(0.25);
    expect(kpiRows['Clean claim rate']!.getCell(2).value).toBe(0.6);

    const appeals = book.getWorksheet('appeals')!;
    expect(appeals.getCell('I4').value).toBe(0.5); // overturn rate of all levels
    expect(appeals.getCell('J4').value).toBe(0.7059);
    expect(appeals.getCell('J4').numFmt).toBe('0.00%');

    const queues = book.getWorksheet('work-queues')!;
    // One row per queue after the header, then the totals.
    const total = workQueue.options.length + 2;
    expect(queues.getCell(`A${total}`).value).toBe('Total');
    expect(queues.getCell(`C${total}`).value).toBe(1060);
  });
});
