/**
 * The financial reports run: reads the book from the store, computes every report as of a date and
 * writes the workbook, one CSV per report and one JSON under `reports/<asOf>/` through the sink it is
 * given (the Reports bucket in Lambda, a folder for `rcm report`). PHI-free: the reports hold ids,
 * payer ids, codes, counts and cents.
 */
import { tableCsv } from '#functions/reports/csv.ts';
import { financialReports, reportTables } from '#functions/reports/financial-reports.ts';
import { basisPoints } from '#functions/reports/ratio.ts';
import { reportWorkbook } from '#functions/reports/workbook.ts';
import type { Store } from '#functions/store/index.ts';
import type { GenerateReportsRequest, GenerateReportsResult } from '#schemas/financial-reports.ts';

/** Where the files go: a bucket prefix or a folder. */
export interface ReportSink {
  put(key: string, body: Uint8Array | string, contentType: string): Promise<void>;
}

export interface BuildReportsDeps {
  readonly store: Pick<Store, 'reports'>;
  readonly sink: ReportSink;
  readonly now: () => Date;
}

export const XLSX_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The prefix of one day's reports. */
export const reportsPrefix = (asOf: string): string => `reports/${asOf}/`;

/** Ratios in the JSON carry their basis points beside the exact numerator and denominator. */
function withBasisPoints(_key: string, value: unknown): unknown {
  if (value && typeof value === 'object' && 'numerator' in value && 'denominator' in value && Object.keys(value).length === 2) {
    const r = value as { numerator: number; denominator: number };
    return { ...r, basisPoints: basisPoints(r) };
  }
  return value;
}

/** Builds and writes the financial reports as of `request.asOf` (default: today on the clock). */
export async function buildReports(deps: BuildReportsDeps, request: GenerateReportsRequest): Promise<GenerateReportsResult> {
  const generatedAt = deps.now();
  const asOf = request.asOf ?? generatedAt.toISOString().slice(0, 10);
  const records = await deps.store.reports.readAll();
  const reports = financialReports({ asOf, ...records });
  const tables = reportTables(reports);
  const prefix = reportsPrefix(asOf);
  const files: { key: string; body: Uint8Array | string; type: string }[] = [
    { key: `${prefix}financial-reports.xlsx`, body: await reportWorkbook(tables, { createdAt: generatedAt }), type: XLSX_CONTENT_TYPE },
    {
      key: `${prefix}financial-reports.json`,
      body: `${JSON.stringify(
        {
          asOf,
          generatedAt: generatedAt.toISOString(),
          definitions: Object.fromEntries(tables.map((t) => [t.name, t.definition])),
          reports,
        },
        withBasisPoints,
        2,
      )}\n`,
      type: 'application/json',
    },
    ...tables.map((t) => ({ key: `${prefix}${t.name}.csv`, body: tableCsv(t), type: 'text/csv; charset=utf-8' })),
  ];
  for (const file of files) await deps.sink.put(file.key, file.body, file.type);
  return {
    asOf,
    prefix,
    keys: files.map((f) => f.key),
    reports: tables.length,
    openArCents: reports.aging.openArCents,
    claims: records.claims.length,
    ledgerEntries: records.ledgerEntries.length,
    remittances: records.remittances.length,
  };
}
