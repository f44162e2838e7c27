/**
 * 835 posting on the local stack, through the real SDK clients: claims go out through ClaimSubmission,
 * the sandbox payer's 835 lands in the inbox after its payment cycle, PayerFileIntake runs PostRemittance,
 * and the claims and ledgers move. Expected figures are read from the 835 itself (the payer's word).
 */
import { CopyObjectCommand, GetObjectCommand, ListObjectsV2Command, PutObjectCommand } from '@aws-sdk/client-s3';
import type { SFNClient } from '@aws-sdk/client-sfn';
import { DescribeExecutionCommand, ListExecutionsCommand, StartExecutionCommand } from '@aws-sdk/client-sfn';
import type { LambdaClient } from '@aws-sdk/client-lambda';
import { InvokeCommand } from '@aws-sdk/client-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { balancesByClaim, chargePosting } from '#functions/accounts/index.ts';
import { readRemittanceClaims, type Claim835 } from '#functions/x12/index.ts';
import type { Store } from '#functions/store/index.ts';
import type { Claim } from '#schemas/claim.ts';
import type { LedgerEntry } from '#schemas/ledger-entry.ts';
import type { LocalStack } from '#infra/local/stack.ts';
import { startPayerStack } from '#test/support/payer-stack.ts';
import {
  claim,
  COMMERCIAL,
  dana,
  danaCoverage,
  ines,
  inesCoverage,
  line,
  phiOf,
  terry,
  terryCoverage,
} from '#test/payers/exchange/fixtures.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

let stack: LocalStack;
let sfn: SFNClient;
let lambda: LambdaClient;
let store: Store;

/** Dana (FULL): paid in full at the allowed amount. */
const paidVisit = claim('PCN-R1', danaCoverage, [line('99213', 9_000)]);
/** Inès (FULL): the second line's code is not in the fee schedule (CO-96): partially paid. */
const partlyPaidVisit = claim('PCN-R2', inesCoverage, [line('99213', 9_000), line('15780', 20_000)]);
/** Terry's coverage ended (CO-27): denied, held on the insurer's balance for the work queue. */
const deniedVisit = claim('PCN-R3', terryCoverage, [line('99213', 9_000)]);
const people = [
  [dana, danaCoverage],
  [ines, inesCoverage],
  [terry, terryCoverage],
] as const;

beforeAll(async () => {
  ({ stack, sfn, lambda, store } = await startPayerStack(people));
  for (const c of [paidVisit, partlyPaidVisit, deniedVisit]) await createWithCharge(c);
});
afterAll(async () => stack?.stop());

/** Stores the claim and posts its charges to the primary insurer (what billing does when the claim is made). */
async function createWithCharge(c: Claim): Promise<void> {
  await store.claims.create(c, c.createdAt);
  await store.ledger.post(
    chargePosting({ accountId: c.accountId, claimId: c.claimId, amountCents: c.totalChargeCents, to: 'primary', postedAt: c.createdAt }),
  );
}

async function submit(batchId: string, claimIds: string[]): Promise<void> {
  const { executionArn } = await sfn.send(
    new StartExecutionCommand({
      stateMachineArn: stack.stateMachineArns.ClaimSubmission,
      input: JSON.stringify({ batchId, payerId: COMMERCIAL.payerId, claimIds }),
      name: batchId,
    }),
  );
  await stack.settle();
  expect((await sfn.send(new DescribeExecutionCommand({ executionArn }))).status).toBe('SUCCEEDED');
}

async function inbox835Keys(): Promise<string[]> {
  const listed = await stack.s3.send(new ListObjectsV2Command({ Bucket: stack.bucketNames.Inbox, Prefix: 'inbound/' }));
  return (listed.Contents ?? [])
    .map((o) => o.Key!)
    .filter((k) => k.split('/').pop()!.startsWith('835-'))
    .sort();
}

async function claimsOf835(key: string): Promise<Claim835[]> {
  const body = await (
    await stack.s3.send(new GetObjectCommand({ Bucket: stack.bucketNames.Inbox, Key: key }))
  ).Body!.transformToByteArray();
  const out: Claim835[] = [];
  for (const event of readRemittanceClaims(body)) if (event.type === 'claim') out.push(event.claim);
  return out;
}

/** The PayerFileIntake execution that took in the file. */
async function intakeOf(key: string) {
  const { executions } = await sfn.send(new ListExecutionsCommand({ stateMachineArn: stack.stateMachineArns.PayerFileIntake }));
  for (const e of executions ?? []) {
    const described = await sfn.send(new DescribeExecutionCommand({ executionArn: e.executionArn }));
    if (JSON.parse(described.input!).detail.object.key === key) return described;
  }
  throw new Error(`no intake execution for ${key}`);
}

async function postAgain(key: string) {
  const reply = await lambda.send(
    new InvokeCommand({
      FunctionName: 'PostRemittance',
      Payload: Buffer.from(JSON.stringify({ file: { bucket: stack.bucketNames.Inbox, key, size: 1, etag: '' }, kind: '835' })),
    }),
  );
  expect(reply.FunctionError).toBeUndefined();
  return JSON.parse(Buffer.from(reply.Payload!).toString());
}

/** What the ledger says about one claim, in cents, by kind of entry. */
async function ledgerOf(c: Claim) {
  const { entries, balances } = await store.ledger.getLedger(c.accountId);
  const mine = entries.filter((e) => e.claimId === c.claimId);
  const sum = (pred: (e: LedgerEntry) => boolean, who = 'primary') =>
    mine
      .filter(pred)
      .flatMap((e) => e.splits)
      .filter((s) => s.responsibility === who)
      .reduce((t, s) => t + s.amountCents, 0);
  return {
    balances,
    byClaim: balancesByClaim(entries).get(c.claimId),
    charged: sum((e) => e.kind === 'charge'),
    paid: 0 - sum((e) => e.kind === 'insurance-payment'),
    contractual: 0 - sum((e) => e.kind === 'contractual-adjustment'),
    patientResponsibility: sum((e) => e.kind === 'transfer', 'patient'),
    reversals: mine.filter((e) => e.kind === 'reversal').length,
  };
}

const adjustmentSum = (c: Claim835, group: string) =>
  (c.services ?? [])
    .flatMap((s) => s.adjustments ?? [])
    .concat(c.adjustments ?? [])
    .filter((g) => g.groupCode === group)
    .flatMap((g) => g.adjustments)
    .reduce((t, a) => t + a.amountCents, 0);

describe('the sandbox payer’s 835 is posted to our claims and ledgers', () => {
  let firstKey: string;

  it('posts payments, contractual adjustments and patient shares to the cent, holds denials, and moves the claims', async () => {
    await submit('B-REMIT-1', [paidVisit.claimId, partlyPaidVisit.claimId, deniedVisit.claimId]);
    await stack.advanceClock(2 * HOUR);
    await stack.advanceClock(8 * DAY);
    const keys = await inbox835Keys();
    expect(keys).toHaveLength(1);
    firstKey = keys[0]!;

    const execution = await intakeOf(firstKey);
    expect(execution.status).toBe('SUCCEEDED');
    const output = JSON.parse(execution.output!);
    const remits = await claimsOf835(firstKey);
    const held = remits
      .flatMap((r) => (r.services ?? []).flatMap((s) => s.adjustments ?? []))
      .filter((g) => g.groupCode === 'CO')
      .flatMap((g) => g.adjustments)
      .filter((a) => a.reasonCode !== '45');
    expect(output.posted).toMatchObject({
      status: 'posted',
      transactionSets: 1,
      claims: 3,
      posted: 3,
      alreadyPosted: 0,
      reversed: 0,
      unmatched: 0,
      notPosted: 0,
      balanced: true,
      remittancesSaved: 1,
      paidCents: remits.reduce((t, r) => t + r.paymentCents, 0),
      heldAdjustments: held.length,
      heldCents: held.reduce((t, a) => t + a.amountCents, 0),
    });
    expect(output.posted.heldAdjustments).toBeGreaterThanOrEqual(2);
    for (const phi of phiOf(...people.map(([p, c]) => ({ p, c })))) expect(execution.output).not.toContain(phi);

    // Each claim: what the ledger holds is what the 835 says, and it adds up to the charges.
    for (const c of [paidVisit, partlyPaidVisit, deniedVisit]) {
      const remit = remits.find((r) => r.patientControlNumber === c.patientControlNumber)!;
      const l = await ledgerOf(c);
      const heldHere =
        adjustmentSum(remit, 'CO') -
        (remit.services ?? [])
          .flatMap((s) => s.adjustments ?? [])
          .filter((g) => g.groupCode === 'CO')
          .flatMap((g) => g.adjustments)
          .filter((a) => a.reasonCode === '45')
          .reduce((t, a) => t + a.amountCents, 0);
      expect(l.charged).toBe(c.totalChargeCents);
      expect(l.paid).toBe(remit.paymentCents);
      expect(l.contractual + heldHere).toBe(adjustmentSum(remit, 'CO'));
      expect(l.patientResponsibility).toBe(remit.patientResponsibilityCents ?? 0);
      expect(l.paid + l.contractual + l.patientResponsibility + heldHere).toBe(c.totalChargeCents);
      // The insurer still owes exactly what was held (denials wait for the work queue), the patient their share.
      expect(l.byClaim).toEqual({ primary: heldHere, secondary: 0, tertiary: 0, patient: l.patientResponsibility });
      expect(l.balances).toEqual(l.byClaim);
    }

    expect((await store.claims.get(paidVisit.claimId))?.claim.status).toBe('paid');
    expect((await store.claims.get(partlyPaidVisit.claimId))?.claim.status).toBe('partially-paid');
    expect((await store.claims.get(deniedVisit.claimId))?.claim.status).toBe('denied');
    const denied = await ledgerOf(deniedVisit);
    expect(denied).toMatchObject({ paid: 0, contractual: 0, byClaim: { primary: 9_000, patient: 0 } });
    const [remittance] = await store.remittances.findByTraceNumber(await traceOf(firstKey));
    expect(remittance).toMatchObject({ payerId: COMMERCIAL.payerId, totalPaymentCents: output.posted.totalPaymentCents, claims: [] });
  });

  it('delivering the same 835 again (PostRemittance through the Lambda API) posts nothing new', async () => {
    const before = await Promise.all(
      [paidVisit, partlyPaidVisit, deniedVisit].map(async (c) => ({
        ledger: await store.ledger.getLedger(c.accountId),
        claim: await store.claims.get(c.claimId),
      })),
    );
    const again = await postAgain(firstKey);
    expect(again).toMatchObject({
      status: 'posted',
      claims: 3,
      posted: 0,
      alreadyPosted: 3,
      heldAdjustments: 0,
      remittancesSaved: 0,
      remittancesAlreadySaved: 1,
    });
    for (const [i, c] of [paidVisit, partlyPaidVisit, deniedVisit].entries()) {
      expect((await store.ledger.getLedger(c.accountId)).version).toBe(before[i]!.ledger.version);
      expect((await store.claims.get(c.claimId))?.timeline).toHaveLength(before[i]!.claim!.timeline.length);
    }
  });

  it('the same payment sent again under another file name posts nothing and adds nothing to the claims', async () => {
    const before = await Promise.all(
      [paidVisit, partlyPaidVisit, deniedVisit].map(async (c) => ({
        ledger: await store.ledger.getLedger(c.accountId),
        claim: await store.claims.get(c.claimId),
      })),
    );
    const resent = firstKey.replace(/[^/]+$/, (name) => `resent-${name}`);
    await stack.s3.send(
      new CopyObjectCommand({ Bucket: stack.bucketNames.Inbox, CopySource: `${stack.bucketNames.Inbox}/${firstKey}`, Key: resent }),
    );
    await stack.settle();
    const intake = await intakeOf(resent);
    expect(intake.status).toBe('SUCCEEDED');
    expect(JSON.parse(intake.output!).posted).toMatchObject({
      posted: 0,
      alreadyPosted: 3,
      remittancesSaved: 0,
      remittancesAlreadySaved: 1,
    });
    for (const [i, c] of [paidVisit, partlyPaidVisit, deniedVisit].entries()) {
      expect((await store.ledger.getLedger(c.accountId)).version).toBe(before[i]!.ledger.version);
      expect((await store.claims.get(c.claimId))?.timeline).toHaveLength(before[i]!.claim!.timeline.length);
    }
  });

  it('a corrected claim (frequency 7) brings a CLP02 22 that reverses the earlier postings, and the correction is posted', async () => {
    const original = (await store.claims.get(paidVisit.claimId))!.claim;
    expect(original.payerClaimControlNumber).toBeDefined();
    const paidBefore = await ledgerOf(paidVisit);
    const corrected = claim('PCN-R1', danaCoverage, [line('99214', 13_000)], {
      claimId: 'CLM-PCN-R1-7',
      frequencyCode: '7',
      originalPayerClaimNumber: original.payerClaimControlNumber!,
      createdAt: new Date(stack.clock.now()).toISOString(),
    });
    await store.claims.recordEvent({
      type: 'corrected',
      eventId: 'CLM-PCN-R1-corrected',
      claimId: paidVisit.claimId,
      at: corrected.createdAt,
      replacementClaimId: corrected.claimId,
    });
    await createWithCharge(corrected);
    await submit('B-REMIT-2', [corrected.claimId]);
    await stack.advanceClock(2 * HOUR);
    await stack.advanceClock(8 * DAY);
    const key = (await inbox835Keys()).find((k) => k !== firstKey)!;
    const remits = await claimsOf835(key);
    expect(remits.map((r) => r.statusCode)).toEqual(['22', '1']);

    const execution = await intakeOf(key);
    expect(execution.status).toBe('SUCCEEDED');
    expect(JSON.parse(execution.output!).posted).toMatchObject({ claims: 2, reversed: 1, posted: 1, unmatched: 0, statusNotMoved: 0 });

    // The original's postings are cancelled one for one: its charge is open again with the payer (until billing voids it).
    const reversed = await ledgerOf(paidVisit);
    expect(reversed.reversals).toBe(
      (await store.ledger.getLedger(paidVisit.accountId)).entries.filter(
        (e) => e.claimId === paidVisit.claimId && e.kind !== 'charge' && e.kind !== 'reversal',
      ).length,
    );
    expect(reversed.byClaim).toEqual({ primary: paidVisit.totalChargeCents, secondary: 0, tertiary: 0, patient: 0 });
    expect(paidBefore.paid).toBeGreaterThan(0);
    const replacement = await ledgerOf(corrected);
    const paidRemit = remits.find((r) => r.statusCode === '1')!;
    expect(replacement.paid).toBe(paidRemit.paymentCents);
    expect(replacement.paid + replacement.contractual + replacement.patientResponsibility).toBe(corrected.totalChargeCents);
    expect((await store.claims.get(corrected.claimId))?.claim).toMatchObject({
      status: 'paid',
      payerClaimControlNumber: paidRemit.payerClaimControlNumber,
    });
    expect((await store.claims.get(paidVisit.claimId))?.claim.status).toBe('corrected');

    // And again: the reversal is not reversed twice, the correction not paid twice.
    const version = (await store.ledger.getLedger(paidVisit.accountId)).version;
    expect(await postAgain(key)).toMatchObject({ reversed: 0, posted: 0, alreadyPosted: 2 });
    expect((await store.ledger.getLedger(paidVisit.accountId)).version).toBe(version);
  });

  it('counts a claim we do not know as unmatched, with its money, and posts nothing for it', async () => {
    const trn = 'EFT-UNKNOWN-1';
    const x12 =
      'ISA*00*          *00*          *ZZ*SANDBOXPAYER   *ZZ*GENERALHOSP    *260301*0900*^*00501*000000901*0*T*:~' +
      'GS*HP*SANDBOXPAYER*GENERALHOSP*20260301*0900*901*X*005010X221A1~ST*835*0001~' +
      `BPR*I*70*C*CHK************20260301~TRN*1*${trn}*1999999991~N1*PR*SANDBOX COMMERCIAL*XV*${COMMERCIAL.payerId}~N1*PE*GENERAL HOSPITAL*XX*1234567893~LX*1~` +
      'CLP*PCN-NOT-OURS*1*100*70*0*12*ICN-NOT-OURS~CAS*CO*45*30~NM1*QC*1*NOBODY*NOAH****MI*XX999~' +
      'SE*10*0001~GE*1*901~IEA*1*000000901~';
    const key = 'inbound/manual/era-901.835';
    await stack.s3.send(new PutObjectCommand({ Bucket: stack.bucketNames.Inbox, Key: key, Body: x12 }));
    await stack.settle();
    const execution = await intakeOf(key);
    expect(execution.status).toBe('SUCCEEDED');
    const posted = JSON.parse(execution.output!).posted;
    expect(posted).toMatchObject({
      claims: 1,
      posted: 0,
      unmatched: 1,
      unmatchedPaidCents: 7_000,
      attentionTotal: 1,
      attention: [{ reason: 'unmatched', transactionSet: '0001', claimIndex: 0, paidCents: 7_000 }],
    });
    expect(execution.output).not.toContain('NOBODY');
    expect(await store.ledger.listRemittancePostings(COMMERCIAL.payerId, 'ICN-NOT-OURS')).toEqual([]);
    expect(await store.remittances.findByTraceNumber(trn)).toHaveLength(1);
  });
});

async function traceOf(key: string): Promise<string> {
  const body = await (
    await stack.s3.send(new GetObjectCommand({ Bucket: stack.bucketNames.Inbox, Key: key }))
  ).Body!.transformToByteArray();
  for (const event of readRemittanceClaims(body)) if (event.type === 'header') return event.header.trace.checkOrEftNumber;
  return '';
}
