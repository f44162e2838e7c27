/**
 * AmendClaim and PrepareResubmission on DynamoDB Local: the version check, retries that change nothing
 * more, decisions that do not send a claim back, and a claim sent back twice.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chargePosting } from '#functions/accounts/clerk-postings.ts';
import { amendClaim } from '#functions/corrections/amend-claim.ts';
import { prepareResubmission } from '#functions/corrections/prepare-resubmission.ts';
import { ClaimNotReadyError, InputValidationError, RecordNotFoundError } from '#functions/errors/index.ts';
import { CapacityMeter, createStore, documentClient, type Store } from '#functions/store/index.ts';
import type { Claim } from '#schemas/claim.ts';
import type { ClaimEvent } from '#schemas/claim-event.ts';
import type { WorkAction, WorkQueue } from '#schemas/work-item.ts';
import { professionalClaim } from '#test/fixtures/accounts/builders.ts';
import { createTestTable, type TestTable } from '#test/support/dynamodb.ts';

let table: TestTable;
let store: Store;
beforeAll(async () => {
  table = await createTestTable();
  store = createStore(documentClient(table.client), table.tableName);
});
afterAll(async () => table.drop());

const NOW = new Date('2026-04-10T12:00:00Z');
const at = (minutes: number) => new Date(NOW.getTime() + minutes * 60_000).toISOString();

/** A claim in the given status, its charge on the ledger. */
async function claimIn(id: string, status: Claim['status'], extra: Partial<Claim> = {}): Promise<Claim> {
  const claim = professionalClaim({ claimId: id, accountId: `ACC-${id}`, patientControlNumber: `PCN-${id}`, status, ...extra });
  await store.claims.create(claim, '2026-03-03T08:00:00Z');
  await store.ledger.post(
    chargePosting({
      accountId: claim.accountId,
      claimId: id,
      amountCents: claim.totalChargeCents,
      to: 'primary',
      postedAt: '2026-03-03T08:00:00Z',
    }),
  );
  return claim;
}

/** A work item of the claim, decided with `action` (or left open). */
async function decided(claimId: string, queue: WorkQueue, action: WorkAction | null, n = 1): Promise<string> {
  const workItemId = `W-${claimId}-${n}`;
  await store.workItems.open({
    workItemId,
    queue,
    kind: queue === 'denials' ? 'correctable' : '277CA',
    claimId,
    amountCents: 100,
    summary: 'test item',
    details: {},
    actions: ['correct', 'resubmit', 'write-off', 'dismiss'],
    raisedBy: 'test',
    status: 'open',
    awaited: false,
    createdAt: NOW.toISOString(),
  });
  if (action)
    await store.workItems.resolve(workItemId, { action, reason: 'a decision', decidedBy: 'biller-1', decidedAt: NOW.toISOString() });
  return workItemId;
}

const amend = (claimId: string, changes: Parameters<typeof amendClaim>[1]['changes'], now = NOW) =>
  amendClaim(store, { claimId, amendedBy: 'biller-1', reason: 'a correction', changes }, now);

describe('amending on the store', () => {
  it('three people amending at once: every change lands, one after the other, and the ledger follows the last total exactly', async () => {
    const c = await claimIn('CLM-A1', 'denied', { payerClaimControlNumber: 'ICN-A1' });
    const results = await Promise.all([
      amend(c.claimId, { lines: [{ lineNumber: 1, chargeCents: 18_000 }] }),
      amend(c.claimId, { lines: [{ lineNumber: 2, modifiers: ['QW'], chargeCents: 4_000 }] }),
      amend(c.claimId, { lines: [{ lineNumber: 1, units: 2 }] }),
    ]);
    expect(results.map((r) => r.changed.filter((p) => p !== 'totalChargeCents')).sort()).toEqual([
      ['lines[1].chargeCents'],
      ['lines[1].units'],
      ['lines[2].modifiers', 'lines[2].chargeCents'],
    ]);
    const { claim, timeline } = (await store.claims.get(c.claimId))!;
    expect(claim.lines.map((l) => [l.chargeCents, l.units, l.modifiers])).toEqual([
      [18_000, 2, ['25']],
      [4_000, 1, ['QW']],
    ]);
    expect(claim).toMatchObject({ totalChargeCents: 22_000, status: 'denied', payerClaimControlNumber: 'ICN-A1' });
    expect(timeline.filter((e) => e.type === 'amended')).toHaveLength(3);
    expect((await store.ledger.getLedger(c.accountId)).balances.primary).toBe(22_000);
  });

  it('refuses a claim with the payer, an unknown claim, and a change that does not fit', async () => {
    await claimIn('CLM-A2', 'submitted');
    await expect(amend('CLM-A2', { diagnoses: [{ code: 'I10' }] })).rejects.toBeInstanceOf(ClaimNotReadyError);
    await expect(amend('CLM-NOPE', { diagnoses: [{ code: 'I10' }] })).rejects.toBeInstanceOf(RecordNotFoundError);
    await claimIn('CLM-A3', 'rejected');
    const error = await amend('CLM-A3', { diagnoses: [{ code: 'I10' }], lines: [{ lineNumber: 5, units: 1 }] }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InputValidationError);
    expect((error as InputValidationError).issues.map((i) => i.path)).toEqual(['changes.lines.0.lineNumber', 'lines.1.diagnosisPointers']);
  });

  it('a stale replace writes nothing', async () => {
    const c = await claimIn('CLM-A4', 'rejected');
    const record = (await store.claims.get(c.claimId))!;
    await amend(c.claimId, { lines: [{ lineNumber: 1, units: 2 }] });
    const event = {
      type: 'amended',
      eventId: 'E-STALE',
      claimId: c.claimId,
      at: at(1),
      changed: ['diagnoses'],
      amendedBy: 'x',
      reason: 'why not',
    } satisfies ClaimEvent;
    expect(await store.claims.replace(record, { ...record.claim, diagnoses: [{ code: 'I10' }] }, event)).toEqual({ status: 'stale' });
    const after = (await store.claims.get(c.claimId))!;
    expect(after.claim.diagnoses).toEqual(c.diagnoses);
    expect(after.timeline.map((e) => e.eventId)).not.toContain('E-STALE');
  });
});

describe('what a correction costs in DynamoDB capacity', () => {
  it('an amendment of one line with a charge change, its retry, and sending the claim back', async () => {
    const c = await claimIn('CLM-COST', 'denied', { payerClaimControlNumber: 'ICN-COST' });
    const meter = new CapacityMeter();
    const metered = createStore(documentClient(table.client), table.tableName, meter);
    const request = {
      claimId: c.claimId,
      amendedBy: 'b',
      reason: 'a correction',
      changes: { lines: [{ lineNumber: 1, chargeCents: 18_000 }] },
    };
    await amendClaim(metered, request, NOW);
    const amend = meter.totals();
    meter.reset();
    await amendClaim(metered, request, NOW);
    const retry = meter.totals();
    meter.reset();
    await prepareResubmission(metered, { claimId: c.claimId, workItemId: await decided(c.claimId, 'denials', 'correct') }, NOW);
    const sendBack = meter.totals();
    // Measured on DynamoDB Local (which reports totals only): 16 units in 6 calls, 3 in 3, 12 in 3. Reads of
    // the claim partition and the ledger, one claim transaction, one ledger posting; a retry only reads.
    expect(amend).toMatchObject({ calls: 6 });
    expect(amend.capacityUnits).toBeLessThanOrEqual(20);
    expect(retry).toMatchObject({ calls: 3 });
    expect(retry.capacityUnits).toBeLessThanOrEqual(4);
    expect(sendBack).toMatchObject({ calls: 3 });
    expect(sendBack.capacityUnits).toBeLessThanOrEqual(14);
  });
});

describe('sending a claim back on the store', () => {
  it('only on a correct (denials) or resubmit (rejections) decision on the claim’s own item', async () => {
    const c = await claimIn('CLM-P1', 'denied', { payerClaimControlNumber: 'ICN-P1' });
    const open = await decided(c.claimId, 'denials', null);
    await expect(prepareResubmission(store, { claimId: c.claimId, workItemId: open }, NOW)).rejects.toBeInstanceOf(ClaimNotReadyError);
    const writtenOff = await decided(c.claimId, 'denials', 'write-off', 2);
    await expect(prepareResubmission(store, { claimId: c.claimId, workItemId: writtenOff }, NOW)).rejects.toBeInstanceOf(
      ClaimNotReadyError,
    );
    await expect(prepareResubmission(store, { claimId: 'CLM-OTHER', workItemId: writtenOff }, NOW)).rejects.toBeInstanceOf(
      RecordNotFoundError,
    );
    expect((await store.claims.get(c.claimId))!.claim.status).toBe('denied');
  });

  it('a claim sent back twice counts its resubmissions; each retry changes nothing more', async () => {
    const c = await claimIn('CLM-P2', 'denied', { payerClaimControlNumber: 'ICN-P2a' });
    const first = await decided(c.claimId, 'denials', 'correct', 1);
    expect(await prepareResubmission(store, { claimId: c.claimId, workItemId: first }, NOW)).toEqual({
      claimId: c.claimId,
      frequencyCode: '7',
      resubmission: 1,
    });
    const { version } = (await store.claims.get(c.claimId))!;
    expect(await prepareResubmission(store, { claimId: c.claimId, workItemId: first }, new Date(at(5)))).toMatchObject({ resubmission: 1 });
    expect((await store.claims.get(c.claimId))!.version).toBe(version);
    // Scrubbed, submitted, denied again under a new number, corrected again.
    const id = c.claimId;
    await store.claims.recordEvent({ type: 'scrubbed', eventId: 'S2', claimId: id, at: at(10), errorCount: 0, warningCount: 0 });
    await store.claims.recordEvent({ type: 'submitted', eventId: 'U2', claimId: id, at: at(11), interchangeControlNumber: '000000002' });
    const denial = {
      type: 'adjudicated',
      claimId: id,
      remittanceId: 'R',
      claimStatusCode: '4',
      paidCents: 0,
      patientResponsibilityCents: 0,
      deniedLineCount: 2,
    } as const;
    await store.claims.recordEvent({ ...denial, eventId: 'REV', at: at(12), payerClaimControlNumber: 'ICN-P2a', claimStatusCode: '22' });
    await store.claims.recordEvent({ ...denial, eventId: 'ADJ', at: at(13), payerClaimControlNumber: 'ICN-P2b' });
    const second = await decided(c.claimId, 'denials', 'correct', 2);
    expect(await prepareResubmission(store, { claimId: id, workItemId: second }, new Date(at(20)))).toEqual({
      claimId: id,
      frequencyCode: '7',
      resubmission: 2,
    });
    expect((await store.claims.get(id))!.claim).toMatchObject({ status: 'corrected', originalPayerClaimNumber: 'ICN-P2b' });
  });

  it('a rejected claim the payer never adjudicated goes again as frequency 1', async () => {
    const c = await claimIn('CLM-P3', 'rejected');
    const item = await decided(c.claimId, 'rejections', 'resubmit');
    expect(await prepareResubmission(store, { claimId: c.claimId, workItemId: item }, NOW)).toEqual({
      claimId: c.claimId,
      frequencyCode: '1',
      resubmission: 1,
    });
    const { claim, timeline } = (await store.claims.get(c.claimId))!;
    expect(claim.status).toBe('corrected');
    expect(timeline.at(-1)).toMatchObject({ type: 'corrected', workItemId: item, frequencyCode: '1' });
  });
});
