/**
 * A claim's life goes on after a person fixes it, on the local stack, calling the Lambda APIs in the
 * order the claim workflow will: a correctable denial (CO-4, a modifier the code does not take) is
 * amended, decided `correct`, sent back as a replacement (frequency 7, REF*F8) and paid; a front-door
 * rejection (277CA A7:255, no diagnosis) is amended, decided `resubmit`, sent again as frequency 1 and
 * paid. The sandbox payer decides from the 837 it receives; the ledger is asserted to the cent.
 */
import { InvokeCommand } from '@aws-sdk/client-lambda';
import { GetObjectCommand, ListObjectsV2Command } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { balancesByClaim, zeroBalances } from '#functions/accounts/balances.ts';
import { chargePosting } from '#functions/accounts/clerk-postings.ts';
import { listWorkItems } from '#functions/queues/work-items.ts';
import { readRemittanceClaims, type Claim835 } from '#functions/x12/index.ts';
import type { Claim } from '#schemas/claim.ts';
import { providerSchema } from '#schemas/provider.ts';
import { claim, COMMERCIAL, coverage, doctor, line, patient } from '#test/payers/exchange/fixtures.ts';
import { startPayerStack, type PayerStack } from '#test/support/payer-stack.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

const lee = patient('PAT-5001', { firstName: 'Lee', lastName: 'Modifier' });
const leeCoverage = coverage(lee, 'FULL50001');
const rae = patient('PAT-5002', { firstName: 'Rae', lastName: 'Futuredate' });
const raeCoverage = coverage(rae, 'FULL50002');

/** A visit billed with LT (a laterality modifier the payer takes only on surgery and imaging codes) and a keyed-in charge of $120. */
const visit = claim('PCN-CC1', leeCoverage, [line('99213', 12_000, { modifiers: ['LT'] }), line('36415', 1_500)]);
const kai = patient('PAT-5003', { firstName: 'Kai', lastName: 'Wrongdoctor' });
const kaiCoverage = coverage(kai, 'FULL50003');
/** The doctor's record keyed with a wrong NPI check digit: the payer denies the whole claim CO-16 (MA130, N290). */
const misKeyedDoctor = providerSchema.parse({ ...doctor, providerId: 'PRV-DOC-TYPO', npi: '1999999985' });
const wrongDoctor = claim('PCN-CC3', kaiCoverage, [line('99213', 9_000)], { renderingProviderId: misKeyedDoctor.providerId });
/** A visit of 2026-01-10 keyed as 2026-11-10: a date of service in the future is rejected at the front door. */
const misdated = claim('PCN-CC2', raeCoverage, [line('99213', 9_000, { serviceDateFrom: '2026-11-10', serviceDateTo: '2026-11-10' })]);

let env: PayerStack;

beforeAll(async () => {
  env = await startPayerStack([
    [lee, leeCoverage],
    [rae, raeCoverage],
    [kai, kaiCoverage],
  ]);
  await env.store.reference.putProvider(misKeyedDoctor);
  for (const c of [visit, misdated, wrongDoctor]) {
    await env.store.claims.create(c, c.createdAt);
    await env.store.ledger.post(
      chargePosting({ accountId: c.accountId, claimId: c.claimId, amountCents: c.totalChargeCents, to: 'primary', postedAt: c.createdAt }),
    );
  }
}, 120_000);
afterAll(async () => env?.stack.stop());

/** Calls a function through the local Lambda API; a function error fails the test with its message. */
async function invoke<T = Record<string, unknown>>(name: string, input: unknown): Promise<T> {
  const reply = await env.lambda.send(new InvokeCommand({ FunctionName: name, Payload: new TextEncoder().encode(JSON.stringify(input)) }));
  const body = JSON.parse(new TextDecoder().decode(reply.Payload));
  if (reply.FunctionError) throw new Error(`${name}: ${body.errorType}: ${body.errorMessage}`);
  return body as T;
}

const submit = (batchId: string, c: Claim) => invoke('SubmitClaims', { batchId, payerId: COMMERCIAL.payerId, claimIds: [c.claimId] });
/** The payer's acknowledgements (2 hours), then its payment cycle. */
async function payerCycle(): Promise<void> {
  await env.stack.settle();
  await env.stack.advanceClock(2 * HOUR);
  await env.stack.advanceClock(8 * DAY);
}
const stored = async (c: Claim) => (await env.store.claims.get(c.claimId))!;
const owed = async (c: Claim) => balancesByClaim((await env.store.ledger.getLedger(c.accountId)).entries).get(c.claimId) ?? zeroBalances();
/** What the sandbox payer read from our 837 for the claim it adjudicated under this number. */
const payerSaw = (payerClaimNumber: string) => env.stack.payer!.payer.snapshot.claims[payerClaimNumber]!.claim;

async function inbox835s(): Promise<string[]> {
  const listed = await env.stack.s3.send(new ListObjectsV2Command({ Bucket: env.stack.bucketNames.Inbox, Prefix: 'inbound/' }));
  return (listed.Contents ?? [])
    .map((o) => o.Key!)
    .filter((k) => k.split('/').pop()!.startsWith('835-'))
    .sort();
}
async function claimsOf835(key: string): Promise<Claim835[]> {
  const object = await env.stack.s3.send(new GetObjectCommand({ Bucket: env.stack.bucketNames.Inbox, Key: key }));
  const out: Claim835[] = [];
  for (const event of readRemittanceClaims(await object.Body!.transformToByteArray())) if (event.type === 'claim') out.push(event.claim);
  return out;
}

describe('a correctable denial is fixed, sent back as a replacement and paid', () => {
  let denialId: string;
  let firstNumber: string;
  let first835: string;

  it('CO-4 on the visit line: partially paid, the denial waits in the queue with correct and write-off', async () => {
    await submit('B-CC1', visit);
    await payerCycle();
    const { claim: c } = await stored(visit);
    expect(c.status).toBe('partially-paid');
    firstNumber = c.payerClaimControlNumber!;
    first835 = (await inbox835s())[0]!;
    const [denial] = (await listWorkItems(env.store, { queue: 'denials' })).items.filter((i) => i.claimId === visit.claimId);
    expect(denial).toMatchObject({
      kind: 'correctable',
      amountCents: 12_000,
      actions: ['correct', 'write-off'],
      details: expect.objectContaining({ carc: ['CO-4'] }),
    });
    denialId = denial!.workItemId;
    // $135 charged; the lab line paid $10 with $5 contractual; the $120 visit line held on the insurer.
    expect(await owed(visit)).toEqual({ primary: 12_000, secondary: 0, tertiary: 0, patient: 0 });
  });

  it('a biller removes the modifier and corrects the charge to $90: the ledger’s charge follows, once', async () => {
    const request = {
      claimId: visit.claimId,
      amendedBy: 'biller-7',
      reason: 'modifier LT does not apply to an office visit; charge keyed wrong',
      changes: { lines: [{ lineNumber: 1, modifiers: [], chargeCents: 9_000 }] },
    };
    expect(await invoke('AmendClaim', request)).toEqual({
      claimId: visit.claimId,
      changed: ['lines[1].modifiers', 'lines[1].chargeCents', 'totalChargeCents'],
      status: 'partially-paid',
      totalChargeCents: 10_500,
    });
    expect(await owed(visit)).toEqual({ primary: 9_000, secondary: 0, tertiary: 0, patient: 0 });
    const version = (await env.store.ledger.getLedger(visit.accountId)).version;
    expect(await invoke('AmendClaim', request)).toMatchObject({ changed: [], totalChargeCents: 10_500 });
    expect((await env.store.ledger.getLedger(visit.accountId)).version).toBe(version);
    const amended = (await stored(visit)).timeline.filter((e) => e.type === 'amended');
    expect(amended).toHaveLength(1);
    expect(JSON.stringify(amended)).not.toContain('9000');
  });

  it('a change that does not fit the claim is refused with every problem listed', async () => {
    await expect(
      invoke('AmendClaim', {
        claimId: visit.claimId,
        amendedBy: 'biller-7',
        reason: 'typo',
        changes: { lines: [{ lineNumber: 9, units: 1 }], diagnoses: [{ code: 'I10' }, { code: 'I10' }] },
      }),
    ).rejects.toThrow(/InputValidationError.*changes\.lines\.0\.lineNumber.*changes\.diagnoses/);
  });

  it('decided `correct`, the claim goes back as a replacement of the payer’s number, once', async () => {
    await invoke('ResolveWorkItem', {
      workItemId: denialId,
      action: 'correct',
      reason: 'modifier removed, resubmit corrected',
      decidedBy: 'biller-7',
    });
    const out = await invoke('PrepareResubmission', { claimId: visit.claimId, workItemId: denialId });
    expect(out).toEqual({ claimId: visit.claimId, frequencyCode: '7', resubmission: 1 });
    const { claim: c, version } = await stored(visit);
    expect(c).toMatchObject({ status: 'corrected', frequencyCode: '7', originalPayerClaimNumber: firstNumber });
    expect(await invoke('PrepareResubmission', { claimId: visit.claimId, workItemId: denialId })).toEqual(out);
    expect((await stored(visit)).version).toBe(version);
    await expect(
      invoke('AmendClaim', { claimId: visit.claimId, amendedBy: 'b', reason: 'late', changes: { lines: [{ lineNumber: 2, units: 2 }] } }),
    ).resolves.toMatchObject({ status: 'corrected' });
    await invoke('AmendClaim', {
      claimId: visit.claimId,
      amendedBy: 'b',
      reason: 'undo',
      changes: { lines: [{ lineNumber: 2, units: 1 }] },
    });
  });

  it('scrubbed and submitted again under the workflow’s batch id: the payer reverses the original and pays the replacement', async () => {
    await env.store.claims.recordEvent({
      type: 'scrubbed',
      eventId: `${visit.claimId}-scrubbed-LC1`,
      claimId: visit.claimId,
      at: new Date(env.stack.clock.now()).toISOString(),
      errorCount: 0,
      warningCount: 0,
    });
    await submit(`${visit.claimId}-LC1`, visit);
    expect((await stored(visit)).claim.status).toBe('submitted');
    // While the payer has it, nobody changes it.
    await expect(
      invoke('AmendClaim', {
        claimId: visit.claimId,
        amendedBy: 'biller-7',
        reason: 'late fix',
        changes: { lines: [{ lineNumber: 2, units: 2 }] },
      }),
    ).rejects.toThrow(/ClaimNotReadyError/);
    await payerCycle();

    const { claim: c } = await stored(visit);
    expect(c.status).toBe('paid');
    expect(c.payerClaimControlNumber).not.toBe(firstNumber);
    // The 837 as the payer read it: CLM05-3 = 7, REF*F8 = the number it replaces.
    expect(payerSaw(c.payerClaimControlNumber!)).toMatchObject({ frequencyCode: '7', originalPayerClaimNumber: firstNumber });
    const second835 = (await inbox835s()).find((k) => k !== first835)!;
    const remits = await claimsOf835(second835);
    expect(remits.map((r) => [r.statusCode, r.payerClaimControlNumber])).toEqual([
      ['22', firstNumber],
      ['1', c.payerClaimControlNumber],
    ]);
    // The first adjudication's money is reversed, the replacement's posted: $90 + $10 paid, $5 contractual, nothing owed.
    expect(await owed(visit)).toEqual(zeroBalances());
    const { entries } = await env.store.ledger.getLedger(visit.accountId);
    const mine = entries.filter((e) => e.claimId === visit.claimId);
    const payments = mine.filter((e) => e.kind === 'insurance-payment');
    const paymentIds = new Set(payments.map((e) => e.entryId));
    const netPaid = -[...payments, ...mine.filter((e) => e.kind === 'reversal' && paymentIds.has(e.reversesEntryId!))]
      .flatMap((e) => e.splits)
      .reduce((s, x) => s + x.amountCents, 0);
    expect(netPaid).toBe(10_000);
    expect(netPaid).toBe(remits.reduce((s, r) => s + (r.paymentCents as number), 0) + 1_000);
    expect((await listWorkItems(env.store, { queue: 'unmatched-remittances' })).items).toEqual([]);
    expect((await listWorkItems(env.store, { queue: 'failed-postings' })).items).toEqual([]);
  });

  it('the same 835 delivered again posts nothing and moves nothing', async () => {
    const second835 = (await inbox835s()).find((k) => k !== (first835 ?? ''))!;
    const before = { ledger: (await env.store.ledger.getLedger(visit.accountId)).version, claim: (await stored(visit)).version };
    const out = await invoke<{ reversed: number; posted: number; alreadyPosted: number }>('PostRemittance', {
      file: { bucket: env.stack.bucketNames.Inbox, key: second835, size: 1, etag: '' },
      kind: '835',
    });
    expect(out).toMatchObject({ reversed: 0, posted: 0, alreadyPosted: 2 });
    expect((await env.store.ledger.getLedger(visit.accountId)).version).toBe(before.ledger);
    expect((await stored(visit)).version).toBe(before.claim);
    expect((await listWorkItems(env.store, { queue: 'unmatched-remittances' })).items).toEqual([]);
  });
});

describe('a front-door rejection is fixed and sent again as frequency 1, then paid', () => {
  it('277CA A7:187 (date of service in the future): rejected, the item offers resubmit and dismiss', async () => {
    await submit('B-CC2', misdated);
    await env.stack.settle();
    await env.stack.advanceClock(2 * HOUR);
    expect((await stored(misdated)).claim.status).toBe('rejected');
    const [rejection] = (await listWorkItems(env.store, { queue: 'rejections' })).items.filter((i) => i.claimId === misdated.claimId);
    expect(rejection).toMatchObject({ kind: '277CA', actions: ['resubmit', 'dismiss'], details: { source: '277CA', statusCode: 'A7' } });
    expect(rejection!.summary).toContain('A7');
  });

  it('amended with the right date of service, decided `resubmit`, sent again as frequency 1, accepted and paid', async () => {
    const [rejection] = (await listWorkItems(env.store, { queue: 'rejections' })).items.filter((i) => i.claimId === misdated.claimId);
    expect(
      await invoke('AmendClaim', {
        claimId: misdated.claimId,
        amendedBy: 'coder-3',
        reason: 'date of service keyed in the wrong month',
        changes: { lines: [{ lineNumber: 1, serviceDateFrom: '2026-01-10', serviceDateTo: '2026-01-10' }] },
      }),
    ).toMatchObject({ changed: ['lines[1].serviceDateFrom', 'lines[1].serviceDateTo'], status: 'rejected', totalChargeCents: 9_000 });
    await invoke('ResolveWorkItem', {
      workItemId: rejection!.workItemId,
      action: 'resubmit',
      reason: 'diagnosis added',
      decidedBy: 'coder-3',
    });
    expect(await invoke('PrepareResubmission', { claimId: misdated.claimId, workItemId: rejection!.workItemId })).toEqual({
      claimId: misdated.claimId,
      frequencyCode: '1',
      resubmission: 1,
    });
    await env.store.claims.recordEvent({
      type: 'scrubbed',
      eventId: `${misdated.claimId}-scrubbed-LC1`,
      claimId: misdated.claimId,
      at: new Date(env.stack.clock.now()).toISOString(),
      errorCount: 0,
      warningCount: 0,
    });
    await submit(`${misdated.claimId}-LC1`, misdated);
    await env.stack.settle();
    await env.stack.advanceClock(2 * HOUR);
    expect((await stored(misdated)).claim.status).toBe('accepted');
    await env.stack.advanceClock(8 * DAY);
    const { claim: c } = await stored(misdated);
    expect(c.status).toBe('paid');
    expect(payerSaw(c.payerClaimControlNumber!)).toMatchObject({ frequencyCode: '1' });
    expect(payerSaw(c.payerClaimControlNumber!).originalPayerClaimNumber).toBeUndefined();
    expect(await owed(misdated)).toEqual(zeroBalances());
  });
});

describe('a claim denied whole for missing information (CO-16) is fixed and paid as its replacement', () => {
  it('the rendering provider is corrected, the held denial reversed with nothing to take back, the replacement paid', async () => {
    await submit('B-CC3', wrongDoctor);
    await payerCycle();
    const { claim: denied } = await stored(wrongDoctor);
    expect(denied.status).toBe('denied');
    const [denial] = (await listWorkItems(env.store, { queue: 'denials' })).items.filter((i) => i.claimId === wrongDoctor.claimId);
    expect(denial).toMatchObject({ kind: 'correctable', amountCents: 9_000, actions: ['correct', 'write-off'] });
    expect(denial!.details.carc).toEqual(['CO-16']);
    expect(await owed(wrongDoctor)).toEqual({ primary: 9_000, secondary: 0, tertiary: 0, patient: 0 });

    await invoke('AmendClaim', {
      claimId: wrongDoctor.claimId,
      amendedBy: 'biller-2',
      reason: 'rendering provider record was a duplicate with a mistyped NPI',
      changes: { renderingProviderId: doctor.providerId },
    });
    await invoke('ResolveWorkItem', { workItemId: denial!.workItemId, action: 'correct', reason: 'provider fixed', decidedBy: 'biller-2' });
    expect(await invoke('PrepareResubmission', { claimId: wrongDoctor.claimId, workItemId: denial!.workItemId })).toMatchObject({
      frequencyCode: '7',
      resubmission: 1,
    });
    await env.store.claims.recordEvent({
      type: 'scrubbed',
      eventId: `${wrongDoctor.claimId}-scrubbed-LC1`,
      claimId: wrongDoctor.claimId,
      at: new Date(env.stack.clock.now()).toISOString(),
      errorCount: 0,
      warningCount: 0,
    });
    await submit(`${wrongDoctor.claimId}-LC1`, wrongDoctor);
    await payerCycle();

    const { claim: c } = await stored(wrongDoctor);
    expect(c.status).toBe('paid');
    expect(payerSaw(c.payerClaimControlNumber!)).toMatchObject({
      frequencyCode: '7',
      originalPayerClaimNumber: denied.payerClaimControlNumber,
      renderingProviderNpi: doctor.npi,
    });
    expect(await owed(wrongDoctor)).toEqual(zeroBalances());
    const attention = [
      ...(await listWorkItems(env.store, { queue: 'unmatched-remittances' })).items,
      ...(await listWorkItems(env.store, { queue: 'failed-postings' })).items,
    ];
    expect(attention).toEqual([]);
  });
});
