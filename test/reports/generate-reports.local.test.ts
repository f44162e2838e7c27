/**
 * The financial reports run on the local stack: the fixed book stored in DynamoDB Local, the
 * FinancialReports workflow started as its schedule would start it, GenerateReports reading the
 * table and writing the workbook, JSON and CSVs to the Reports bucket (s3rver), all through the AWS
 * SDK clients. The files must hold exactly what the pure reports compute from the same book.
 */
import { GetObjectCommand, ListObjectsV2Command } from '@aws-sdk/client-s3';
import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { DescribeExecutionCommand, SFNClient, StartExecutionCommand } from '@aws-sdk/client-sfn';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tableCsv } from '#functions/reports/csv.ts';
import { financialReports, reportTables } from '#functions/reports/financial-reports.ts';
import { createStore, documentClient } from '#functions/store/index.ts';
import { SimulatedClock } from '#infra/local/clock.ts';
import { localCredentials } from '#infra/local/credentials.ts';
import { startLocalStack, type LocalStack } from '#infra/local/stack.ts';
import { AS_OF, fixedBook } from './fixed-book.ts';
import { seedBook } from './seed-book.ts';

let stack: LocalStack;
let sfn: SFNClient;
let lambda: LambdaClient;

beforeAll(async () => {
  stack = await startLocalStack({ clock: new SimulatedClock({ start: Date.parse('2026-07-10T06:00:00Z') }), sandboxPayer: false });
  const config = { region: stack.region, credentials: localCredentials };
  sfn = new SFNClient({ ...config, endpoint: stack.endpoints.stepFunctions });
  lambda = new LambdaClient({ ...config, endpoint: stack.endpoints.lambda });
  const doc = documentClient(stack.dynamodb);
  await seedBook(createStore(doc, stack.tableName), doc, stack.tableName, fixedBook);
}, 120_000);
afterAll(async () => stack?.stop());

const text = async (key: string): Promise<string> => {
  const out = await stack.s3.send(new GetObjectCommand({ Bucket: stack.bucketNames.Reports, Key: key }));
  return out.Body!.transformToString('utf8');
};

describe('the FinancialReports workflow on the local stack', () => {
  it('writes the workbook, the JSON and a CSV per report under reports/<as-of>/, the figures of the pure reports', async () => {
    const { executionArn } = await sfn.send(
      new StartExecutionCommand({
        stateMachineArn: stack.stateMachineArns.FinancialReports,
        name: 'reports-2026-06-30',
        input: JSON.stringify({ asOf: AS_OF }),
      }),
    );
    await stack.settle();
    const run = await sfn.send(new DescribeExecutionCommand({ executionArn }));
    expect(run.status).toBe('SUCCEEDED');
    const expected = reportTables(financialReports(fixedBook));
    const output = JSON.parse(run.output!) as { asOf: string; prefix: string; keys: string[]; openArCents: number };
    expect(output).toMatchObject({ asOf: AS_OF, prefix: `reports/${AS_OF}/`, openArCents: 221_000 });
    expect(output.keys.sort()).toEqual(
      [
        `reports/${AS_OF}/financial-reports.xlsx`,
        `reports/${AS_OF}/financial-reports.json`,
        ...expected.map((t) => `reports/${AS_OF}/${t.name}.csv`),
      ].sort(),
    );
    const listed = await stack.s3.send(new ListObjectsV2Command({ Bucket: stack.bucketNames.Reports, Prefix: `reports/${AS_OF}/` }));
    expect((listed.Contents ?? []).map((o) => o.Key).sort()).toEqual(output.keys.sort());

    // Every CSV is what the pure reports make of the same book: the loader lost and added nothing.
    for (const table of expected) expect(await text(`reports/${AS_OF}/${table.name}.csv`), table.name).toBe(tableCsv(table));

    const json = JSON.parse(await text(`reports/${AS_OF}/financial-reports.json`));
    expect(json.reports.aging).toEqual(financialReports(fixedBook).aging);
    expect(json.reports.collections.netCollectionRate).toEqual({ numerator: 184_000, denominator: 405_000, basisPoints: 4_543 });

    const bytes = await stack.s3.send(
      new GetObjectCommand({ Bucket: stack.bucketNames.Reports, Key: `reports/${AS_OF}/financial-reports.xlsx` }),
    );
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(await bytes.Body!.transformToByteArray()) as unknown as ExcelJS.Buffer);
    const aging = book.getWorksheet('ar-aging-by-responsibility')!;
    expect(aging.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect([aging.getCell('A4').value, aging.getCell('G4').value]).toEqual(['Total', 2210]);
  });

  it('GenerateReports answers through the Lambda endpoint; without a date it reports as of today on the clock', async () => {
    const out = await lambda.send(new InvokeCommand({ FunctionName: 'GenerateReports', Payload: JSON.stringify({}) }));
    expect(out.FunctionError).toBeUndefined();
    const result = JSON.parse(new TextDecoder().decode(out.Payload));
    // On 2026-07-10 the payment of 07-05 is in: R1's 100,000 less 50,000.
    expect(result).toMatchObject({ asOf: '2026-07-10', openArCents: 171_000, claims: 5, remittances: 6, reports: expected().length });
  });

  it('names the field of a malformed request, never its value', async () => {
    const out = await lambda.send(new InvokeCommand({ FunctionName: 'GenerateReports', Payload: JSON.stringify({ asOf: 'June 30th' }) }));
    expect(out.FunctionError).toBeDefined();
    const error = new TextDecoder().decode(out.Payload);
    expect(error).toContain('InputValidationError');
    expect(error).toContain('asOf');
    expect(error).not.toContain('June 30th');
  });
});

const expected = () => reportTables(financialReports(fixedBook));
