/**
 * The statement use-cases over DynamoDB Local, with the Reports bucket as an in-memory port: one
 * statement per request however many producers race for it, an unknown request is a typed error that
 * names no caller value, and the sweep sends what it can and leaves a request it cannot produce waiting.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RecordNotFoundError } from '#functions/errors/index.ts';
import { statementRequestIdFor } from '#functions/settlement/next-claim.ts';
import type { StatementDeps } from '#functions/statements/ports.ts';
import { produceStatement, statementKey } from '#functions/statements/produce-statement.ts';
import { sendStatements, type StatementFailure } from '#functions/statements/send-statements.ts';
import { defaultStatementSettings } from '#functions/statements/settings.ts';
import { createStore, documentClient, type Store } from '#functions/store/index.ts';
import type { Claim } from '#schemas/claim.ts';
import { claim, coverage, line, patient } from '#test/payers/exchange/fixtures.ts';
import { createTestTable, type TestTable } from '#test/support/dynamodb.ts';
import { charge, patientPaid, remitLine } from './ledger-fixtures.ts';
import { pdfPages } from './pdf-text.ts';

let table: TestTable;
let store: Store;
const objects = new Map<string, Uint8Array>();
let puts = 0;
let deps: StatementDeps;

beforeAll(async () => {
  table = await createTestTable();
  store = createStore(documentClient(table.client), table.tableName);
  deps = {
    store,
    objects: {
      put: async (key, body) => {
        puts += 1;
        objects.set(key, body);
      },
    },
    now: () => new Date('2026-02-01T15:00:00Z'),
    settings: defaultStatementSettings,
  };
});
afterAll(async () => table?.drop());

/** A patient whose plan paid a visit and left `owed` cents of coinsurance, with the settlement's statement request. */
async function settledVisit(n: number, owed: number, options: { storePatient?: boolean } = {}): Promise<Claim> {
  const person = patient(`PAT-82${n}`, { firstName: 'Alex', lastName: `Patient${n}` });
  const plan = coverage(person, `STD82${n}`);
  const visit = claim(`PCN-PS8${n}`, plan, [line('99213', 10_000)], { status: 'paid' });
  if (options.storePatient !== false) {
    await store.patients.putPatient(person);
    await store.patients.putCoverage(plan);
  }
  await store.claims.create(visit, visit.createdAt);
  for (const posting of [charge(visit), remitLine(visit, { line: 1, paid: 10_000 - 1_000 - owed, co: 1_000, pr: owed })])
    await store.ledger.post(posting);
  await store.statements.request({
    statementRequestId: statementRequestIdFor(visit.claimId),
    claimId: visit.claimId,
    accountId: visit.accountId,
    amountCents: owed,
    requestedAt: '2026-01-30T10:00:00.000Z',
    status: 'requested',
  });
  return visit;
}

describe('producing statements', () => {
  it('produces one statement however many producers race for the request', async () => {
    const visit = await settledVisit(1, 2_500);
    // The patient paid $5.00 after settlement: the statement shows the ledger as it is now.
    await store.ledger.post(patientPaid(visit, 'RCPT-81', 500));
    puts = 0;
    const results = await Promise.all([1, 2, 3].map(() => produceStatement(deps, { claimId: visit.claimId })));
    expect(results.filter((r) => r.statementsProduced === 1)).toHaveLength(1);
    const first = results.find((r) => r.statementsProduced === 1)!;
    for (const r of results) expect({ ...r, statementsProduced: 1, patientBilledCents: 2_000 }).toEqual(first);
    expect(first).toMatchObject({ amountDueCents: 2_000, statementDate: '2026-02-01', dueDate: '2026-03-03', pages: 1 });
    expect(first.key).toBe(statementKey(visit.accountId, first.statementId));
    const [text] = await pdfPages(objects.get(first.key)!);
    expect(text).toContain('Alex Patient1');
    expect(text).toContain('Amount due by 2026-03-03 $20.00');

    // Once marked, a replay reads the record and writes nothing.
    puts = 0;
    expect(await produceStatement(deps, { statementRequestId: first.statementRequestId })).toEqual({
      ...first,
      statementsProduced: 0,
      patientBilledCents: 0,
    });
    expect(puts).toBe(0);
  });

  it('an unknown request is a RecordNotFoundError naming the field it was asked by, not its value', async () => {
    const error = await produceStatement(deps, { claimId: 'CLM-NOT-ON-FILE' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RecordNotFoundError);
    expect((error as Error).message).toBe('statement request named by claimId was not found');
    expect((error as Error).message).not.toContain('CLM-NOT-ON-FILE');
  });

  it('the sweep sends what it can; a request it cannot produce stays waiting and is reported by id and error name', async () => {
    const good = await settledVisit(2, 1_200);
    const orphan = await settledVisit(3, 800, { storePatient: false });
    const failures: StatementFailure[] = [];
    const swept = await sendStatements(deps, { limit: 100 }, (f) => failures.push(f));
    expect(swept).toEqual({ requested: 2, produced: 1, alreadySent: 0, failed: 1, patientBilledCents: 1_200 });
    expect(failures).toEqual([{ statementRequestId: statementRequestIdFor(orphan.claimId), error: 'RecordNotFoundError' }]);
    expect((await store.statements.get(statementRequestIdFor(good.claimId)))?.status).toBe('sent');
    expect((await store.statements.listRequested()).map((r) => r.claimId)).toEqual([orphan.claimId]);
  });
});
