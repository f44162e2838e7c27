/**
 * `rcm load` against a running local stack, only through the Lambda APIs: the billing office loads the
 * demo's story book (reference data, patients, visits; each visit's claim starts its lifecycle), loads it
 * again and is told nothing changed, then loads a JSON Lines book in which one patient names a payer
 * with no profile: that record fails by name, the rest load, and the exit status says so.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ScanCommand } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStore, documentClient, type Store } from '#functions/store/index.ts';
import type { LoadReport } from '#infra/cli/commands/load.ts';
import { demoBook, parseBook } from '#infra/cli/commands/load.ts';
import { SimulatedClock } from '#infra/local/clock.ts';
import { startLocalStack, type LocalStack } from '#infra/local/stack.ts';
import { COMMERCIAL, coverage, doctor, hospital, patient } from '#test/payers/exchange/fixtures.ts';
import { isolatedRcm } from '#test/support/isolated-rcm.ts';

const { stacksDir, rcm } = isolatedRcm(120_000);
const AS_OF = '2026-07-10';

let stack: LocalStack | undefined;
let store: Store;
beforeAll(async () => {
  process.env.RCM_STACKS_DIR = stacksDir;
  stack = await startLocalStack({
    dataDir: mkdtempSync(join(tmpdir(), 'rcm-data-')),
    clock: new SimulatedClock({ start: Date.parse(`${AS_OF}T09:00:00Z`) }),
  });
  store = createStore(documentClient(stack.dynamodb), stack.tableName);
}, 120_000);
afterAll(async () => {
  await stack?.stop();
  delete process.env.RCM_STACKS_DIR;
});

describe('rcm load', () => {
  it("loads the demo's story book through the APIs; the records are on file and each visit's claim is on its way", async () => {
    const report = JSON.parse((await rcm('load', '--demo-book', '--as-of', AS_OF, '--json')).stdout) as LoadReport;
    const book = demoBook(AS_OF);
    expect(report.counts).toEqual({
      providers: { created: book.providers.length, updated: 0, unchanged: 0, failed: 0 },
      payerProfiles: { created: book.payerProfiles.length, updated: 0, unchanged: 0, failed: 0 },
      patients: { created: book.patients.length, updated: 0, unchanged: 0, failed: 0 },
      encounters: { created: book.encounters.length, updated: 0, unchanged: 0, failed: 0 },
    });
    expect(report.unchanged).toBe(false);
    expect(await store.reference.getProvider('PRV-HOSP')).toEqual(book.providers[0]);
    expect((await store.patients.getPatientRecord('PAT-DEMO-11'))?.coverages.map((c) => c.priority).sort()).toEqual([
      'primary',
      'secondary',
    ]);
    const captured = report.records.filter((r) => r.part === 'encounters');
    for (const record of captured) {
      expect(record.claimId).toBe(`CLM-${record.id}`);
      expect(record.executionArn).toMatch(/:execution:ClaimLifecycle:life-CLM-/);
      expect((await store.claims.get(record.claimId!))?.claim.totalChargeCents).toBeGreaterThan(0);
    }
    // The PHI the load wrote is in the audit trail, as the billing office's, for the job named.
    const audit = (await stack!.dynamodb.send(new ScanCommand({ TableName: 'patient-accounts-audit' }))).Items!.map((i) => unmarshall(i));
    expect(audit.length).toBeGreaterThan(0);
    expect(new Set(audit.map((e) => `${e.caller} ${e.onBehalfOf}`))).toEqual(new Set(['billing-office rcm-load']));
  });

  it('loads the same book again and says nothing changed', async () => {
    const { stdout } = await rcm('load', '--demo-book', '--as-of', AS_OF);
    expect(stdout).toContain('No change: the stage already holds this book.');
    const report = JSON.parse((await rcm('load', '--demo-book', '--as-of', AS_OF, '--json')).stdout) as LoadReport;
    expect(report.unchanged).toBe(true);
    expect(report.records.every((r) => r.status === 'unchanged')).toBe(true);
  });

  it('loads a JSON Lines book: a patient whose payer has no profile fails by name, the rest load, the exit status is 1', async () => {
    const rosa = patient('PAT-LOAD-1', { firstName: 'Rosa', lastName: 'Loaded' });
    const omar = patient('PAT-LOAD-2', { firstName: 'Omar', lastName: 'Orphan' });
    const lines = [
      { kind: 'provider', provider: hospital },
      { kind: 'provider', provider: doctor },
      { kind: 'payerProfile', payerProfile: COMMERCIAL },
      { kind: 'patient', patient: rosa, coverages: [coverage(rosa, 'FULL80001')] },
      { kind: 'patient', patient: omar, coverages: [{ ...coverage(omar, 'FULL80002'), payerId: 'PAYER-NOPROFILE' }] },
    ];
    const file = join(mkdtempSync(join(tmpdir(), 'rcm-book-')), 'book.jsonl');
    writeFileSync(file, lines.map((l) => JSON.stringify(l)).join('\n') + '\n');
    const failed = await rcm('load', file, '--json').then(
      () => undefined,
      (e: { code: number; stdout: string }) => e,
    );
    expect(failed?.code).toBe(1);
    const report = JSON.parse(failed!.stdout) as LoadReport;
    expect(report.counts.patients).toEqual({ created: 1, updated: 0, unchanged: 0, failed: 1 });
    expect(report.records.find((r) => r.id === omar.patientId)).toMatchObject({
      status: 'failed',
      errorType: 'InputValidationError',
      error: expect.stringContaining('coverages.0.payerId'),
    });
    expect((await store.patients.getPatientRecord(rosa.patientId))?.patient.lastName).toBe('Loaded');
  });

  it('refuses a book that breaks its contract, naming the line and the field but never a value', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'rcm-book-')), 'bad.jsonl');
    const rosa = patient('PAT-LOAD-3', { firstName: 'Secretname', lastName: 'Loaded' });
    writeFileSync(file, `${JSON.stringify({ kind: 'patient', patient: { ...rosa, dateOfBirth: 'JANE.DOE.19700102' } })}\n`);
    const refused = await rcm('load', file).then(
      () => undefined,
      (e: { stderr: string }) => e,
    );
    expect(refused?.stderr).toContain('line 1: patient.dateOfBirth');
    expect(refused?.stderr).not.toContain('JANE.DOE');
    expect(refused?.stderr).not.toContain('Secretname');
    expect(() => parseBook('{"providers": 3}', 'book.json')).toThrow(/book\.json: providers: /);
  });
});
