import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { S3Client } from '@aws-sdk/client-s3';
import type { Command } from 'commander';
import { connect, NO_STACK, runningStacks } from '#infra/cli/connection.ts';
import { bold, dim, dollars, table } from '#infra/cli/output.ts';
import { localCredentials } from '#infra/local/credentials.ts';
import { localBucketName } from '#infra/local/paths.ts';
import type { FinancialReports } from '#functions/reports/financial-reports.ts';
import type { GenerateReportsResult } from '#schemas/financial-reports.ts';

/** The S3 client of the running local stack whose Step Functions endpoint is `endpoint`. */
async function localS3(endpoint: string): Promise<S3Client> {
  const stack = runningStacks().find((s) => s.stepFunctions === endpoint);
  if (!stack?.s3) throw new Error(`no running local stack of this checkout answers at ${endpoint}; rcm report reads its Reports bucket`);
  const { S3Client } = await import('@aws-sdk/client-s3');
  return new S3Client({ endpoint: stack.s3, region: 'us-east-1', credentials: localCredentials, forcePathStyle: true });
}

/** A short reading of the reports: open A/R by age, then the indicators. */
async function summary(reports: FinancialReports, files: readonly string[], out: string): Promise<string> {
  const [{ agingBuckets }, { cellText }, { reportTables }] = await Promise.all([
    import('#functions/reports/aging.ts'),
    import('#functions/reports/csv.ts'),
    import('#functions/reports/financial-reports.ts'),
  ]);
  const aging = reports.aging.total;
  const kpis = reportTables(reports)[0]!;
  return [
    bold(`Financial reports as of ${reports.asOf}`),
    `Open A/R ${dollars(reports.aging.openArCents)}: ${agingBuckets.map((b, i) => `${b.label} ${dollars(aging.bucketCents[i] ?? 0)}`).join(', ')}`,
    table(
      ['INDICATOR', 'VALUE'],
      kpis.rows.map((row) => {
        const unit = String(row.cells.unit ?? '');
        const value = cellText(row.cells.value ?? null, row.kinds?.value ?? 'count');
        return [String(row.cells.kpi), unit === '$' ? `$${value}` : value === '' ? 'n/a' : `${value}${unit === '%' ? ' %' : ` ${unit}`}`];
      }),
    ),
    `Open work items ${reports.workQueues.total.openItems} (${dollars(reports.workQueues.total.amountCents)}); remittances ${reports.reconciliation.remittances.length}, ${reports.reconciliation.totals.unbalancedRemittances} not balanced`,
    dim(`${files.length} files in ${out}: ${files.join(', ')}`),
  ].join('\n');
}

/** `rcm report --out DIR [--as-of DATE]`: the financial reports of the running local stack, written to a folder. */
export function registerReportCommand(program: Command): void {
  program
    .command('report')
    .description('Build the financial reports on the local stack (GenerateReports) and write the workbook, CSVs and JSON to a folder')
    .requiredOption('--out <dir>', 'folder to write the files to (created if missing)')
    .option('--as-of <date>', 'the last day covered, YYYY-MM-DD (default: today on the stack’s clock)')
    .option('--endpoint <url>', 'the local stack (default: the running rcm local)')
    .option('--json', 'print the function’s answer as JSON')
    .action(async (options: { out: string; asOf?: string; endpoint?: string; json?: boolean }) => {
      if (options.asOf !== undefined) {
        // The schema (zod) is loaded here, not at start-up: every rcm command declares this one.
        const { isoDate } = await import('#schemas/common.ts');
        if (!isoDate.safeParse(options.asOf).success) throw new Error('--as-of takes a date, YYYY-MM-DD');
      }
      const connection = connect(options);
      if (!connection.local || !connection.endpoint) throw new Error(NO_STACK);
      const result = await connection.invoke<GenerateReportsResult>('GenerateReports', options.asOf ? { asOf: options.asOf } : {});
      const s3 = await localS3(connection.endpoint);
      const { GetObjectCommand } = await import('@aws-sdk/client-s3');
      const bucket = localBucketName('Reports');
      mkdirSync(options.out, { recursive: true });
      const files: string[] = [];
      let reports: FinancialReports | undefined;
      try {
        for (const key of result.keys) {
          const object = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
          const bytes = await object.Body!.transformToByteArray();
          const name = key.slice(result.prefix.length);
          writeFileSync(join(options.out, name), bytes);
          files.push(name);
          if (name === 'financial-reports.json')
            reports = (JSON.parse(new TextDecoder().decode(bytes)) as { reports: FinancialReports }).reports;
        }
      } finally {
        s3.destroy();
      }
      if (options.json) console.log(JSON.stringify({ ...result, out: options.out, files }, null, 2));
      else if (reports) console.log(await summary(reports, files, options.out));
    });
}
