/**
 * `rcm report` against a running local stack holding the fixed book: the files land in the folder
 * exactly as the pure reports compute them, and the summary reads the open A/R and the indicators.
 */
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tableCsv } from '#functions/reports/csv.ts';
import { financialReports, reportTables } from '#functions/reports/financial-reports.ts';
import { createStore, documentClient } from '#functions/store/index.ts';
import { SimulatedClock } from '#infra/local/clock.ts';
import { startLocalStack, type LocalStack } from '#infra/local/stack.ts';
import { AS_OF, fixedBook } from '#test/reports/fixed-book.ts';
import { seedBook } from '#test/reports/seed-book.ts';
import { isolatedRcm } from '#test/support/isolated-rcm.ts';

const { stacksDir, rcm } = isolatedRcm(90_000);

let stack: LocalStack | undefined;
beforeAll(async () => {
  process.env.RCM_STACKS_DIR = stacksDir;
  stack = await startLocalStack({
    dataDir: mkdtempSync(join(tmpdir(), 'rcm-data-')),
    clock: new SimulatedClock({ start: Date.parse('2026-07-10T06:00:00Z') }),
    sandboxPayer: false,
  });
  const doc = documentClient(stack.dynamodb);
  await seedBook(createStore(doc, stack.tableName), doc, stack.tableName, fixedBook);
}, 120_000);
afterAll(async () => {
  await stack?.stop();
  delete process.env.RCM_STACKS_DIR;
});

describe('rcm report', () => {
  it('writes the workbook, the JSON and every CSV to the folder and prints the open A/R and the indicators', async () => {
    const out = mkdtempSync(join(tmpdir(), 'rcm-report-'));
    const { stdout } = await rcm('report', '--out', out, '--as-of', AS_OF);
    const tables = reportTables(financialReports(fixedBook));
    expect(readdirSync(out).sort()).toEqual(
      ['financial-reports.json', 'financial-reports.xlsx', ...tables.map((t) => `${t.name}.csv`)].sort(),
    );
    for (const table of tables) expect(readFileSync(join(out, `${table.name}.csv`), 'utf8'), table.name).toBe(tableCsv(table));
    expect(readFileSync(join(out, 'financial-reports.xlsx')).subarray(0, 2).toString()).toBe('PK'); // a zip, as xlsx is
    expect(stdout).toContain(`Financial reports as of ${AS_OF}`);
    expect(stdout).toContain('Open A/R $2,210.00: 0–30 days $1,000.00, 31–60 days $100.00, 61–90 days $800.00');
    expect(stdout).toMatch(/Net collection rate\s+45\.43 %/);
    expect(stdout).toMatch(/Days in A\/R\s+113\.7 days/);
    expect(stdout).toMatch(/Initial denial rate\s+25\.00 %/);
  });

  it('reports as of today on the stack’s simulated clock by default, and refuses a malformed date', async () => {
    const out = mkdtempSync(join(tmpdir(), 'rcm-report-'));
    const answer = JSON.parse((await rcm('report', '--out', out, '--json')).stdout) as { asOf: string; openArCents: number };
    expect(answer).toMatchObject({ asOf: '2026-07-10', openArCents: 171_000 });
    await expect(rcm('report', '--out', out, '--as-of', '30/06/2026')).rejects.toMatchObject({
      stderr: expect.stringContaining('--as-of takes a date'),
    });
  });
});
