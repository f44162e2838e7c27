import { describe, expect, it } from 'vitest';
import { balance835, claimsOf, parseX12, sequentialControlNumbers, TS270, TS276, writeInterchange } from '#functions/x12/index.ts';
import type { Acknowledgment999, ClaimStatus277, ClaimStatus277CA, Eligibility27x, Remittance835 } from '#functions/x12/index.ts';
import { BatchConflictError, PayerRequestInvalidError } from '#functions/payers/gateway.ts';
import type { PayerGateway } from '#functions/payers/gateway.ts';
import { SandboxPayer } from '#functions/payers/sandbox/sandbox-payer.ts';
import type { InboxFile } from '#functions/payers/sandbox/sandbox-payer.ts';
import { claim, line } from '#test/fixtures/payers/sandbox/claims.ts';
import { write837 } from '#test/fixtures/payers/sandbox/x837.ts';

function setup(): { payer: SandboxPayer; inbox: InboxFile[]; advance: (ms: number) => void } {
  let now = Date.parse('2026-01-15T09:00:00Z');
  const inbox: InboxFile[] = [];
  const payer = new SandboxPayer({
    clock: () => new Date(now),
    inbox: async (f) => {
      inbox.push(f);
    },
  });
  return {
    payer,
    inbox,
    advance: (ms) => {
      now += ms;
    },
  };
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

function model<T>(x12: string): T {
  const r = parseX12(x12, { strict: true });
  expect(r.valid).toBe(true);
  return r.transactions[0]?.model as unknown as T;
}

describe('SandboxPayer', () => {
  it('implements the gateway: 837 batch → 999 and 277CA after the ack delay → 835 on the payment cycle, balanced', async () => {
    const { payer, inbox, advance } = setup();
    const gateway: PayerGateway = payer;
    const claims = [
      claim('FULL500', [line('99213', 9000, { serviceDate: '2026-01-10' })]),
      claim('STD500', [line('99214', 20000, { serviceDate: '2026-01-10' })]),
      claim('FULL501', [line('72148', 42000, { serviceDate: '2026-01-10' })], { diagnoses: ['M545'] }),
      claim('NF500', [line('99213', 9000, { serviceDate: '2026-01-10' })]),
    ];
    const batch = { batchId: 'b-500', payerId: 'SBXCOMM01', files: [{ name: 'claims-0001.837', x12: write837(claims) }] };
    const receipt = await gateway.submitClaims(batch);
    expect(receipt).toMatchObject({ batchId: 'b-500', status: 'queued', fileCount: 1, submittedAt: '2026-01-15T09:00:00.000Z' });
    expect(await gateway.submitClaims(batch)).toEqual(receipt);
    await expect(
      gateway.submitClaims({ ...batch, files: [{ name: 'claims-0001.837', x12: write837(claims.slice(1)) }] }),
    ).rejects.toBeInstanceOf(BatchConflictError);

    expect(await payer.runDue()).toEqual([]);
    advance(HOUR);
    const acks = await payer.runDue();
    expect(acks.map((f) => f.kind)).toEqual(['999', '277CA']);
    expect(model<Acknowledgment999>(acks[0]?.x12 ?? '').groupResponse.acknowledgmentCode).toBe('A');
    const ca = model<ClaimStatus277CA>(acks[1]?.x12 ?? '');
    expect(ca.sources[0]?.receivers[0]?.providers?.[0]?.subscribers?.map((s) => s.claims?.[0]?.statuses?.[0]?.status.categoryCode)).toEqual(
      ['A2', 'A2', 'A2', 'A3'],
    );

    advance(6 * DAY);
    expect(await payer.runDue()).toEqual([]);
    advance(DAY);
    const [remit] = await payer.runDue();
    expect(remit?.kind).toBe('835');
    const r = model<Remittance835>(remit?.x12 ?? '');
    expect(balance835(r).balanced).toBe(true);
    expect(claimsOf(r).map((c) => [c.patientControlNumber, c.statusCode, c.paymentCents])).toEqual([
      ['PCN-FULL500', '1', 9000],
      ['PCN-STD500', '1', 0],
      ['PCN-FULL501', '4', 0],
    ]);
    expect(inbox.map((f) => f.kind)).toEqual(['999', '277CA', '835']);

    // Deny with CO-197, overturn on appeal with the authorization: the next cycle pays it.
    const denied = claimsOf(r)[2]?.payerClaimControlNumber ?? '';
    expect(payer.appeal('SBXCOMM01', denied, [{ kind: 'authorization-number', reference: 'AUTH-500' }]).decision).toBe('overturned');
    // Reprocessing takes the payer until its next day's cycle, however soon it runs again.
    expect(await payer.runDue()).toEqual([]);
    expect(payer.nextDueAt()).toBe(Date.parse('2026-01-23T00:00:00Z'));
    // A saved and restored payer keeps that date.
    const restored = new SandboxPayer({
      clock: () => new Date(payer.nextDueAt()! - 1),
      inbox: async () => undefined,
      restore: payer.exportState(),
    });
    expect(await restored.runDue()).toEqual([]);
    advance(DAY);
    const [second] = await payer.runDue();
    const r2 = model<Remittance835>(second?.x12 ?? '');
    expect(claimsOf(r2).map((c) => [c.statusCode, c.paymentCents])).toEqual([
      ['22', 0],
      ['1', 42000],
    ]);
    expect(r2.payment.totalPaymentCents).toBe(42000);
  });

  it('rejects a malformed 837 with a 999 R and sends no 277CA for it', async () => {
    const { payer, advance } = setup();
    const x12 = write837([claim('FULL510', [line('99213', 9000)])]).replace(/CLM\*([^*]+)\*90\*/, 'CLM*$1*9X0*');
    await payer.submitClaims({ batchId: 'b-510', payerId: 'SBXCOMM01', files: [{ name: 'bad.837', x12 }] });
    advance(HOUR);
    const files = await payer.runDue();
    expect(files.map((f) => f.kind)).toEqual(['999']);
    expect(model<Acknowledgment999>(files[0]?.x12 ?? '').transactionSets?.[0]?.response.acknowledgmentCode).toBe('R');
  });

  it('pends a PEND member past the first cycle and pays on the cycle after the pend ends, with interest', async () => {
    const { payer, advance } = setup();
    await payer.submitClaims({
      batchId: 'b-520',
      payerId: 'SBXCOMM01',
      files: [
        {
          name: 'c.837',
          x12: write837([claim('PEND520', [line('29881', 95000, { serviceDate: '2026-01-10' })], { authorizationNumber: 'AUTH520' })]),
        },
      ],
    });
    advance(HOUR);
    await payer.runDue();
    advance(7 * DAY);
    expect(await payer.runDue()).toEqual([]);
    advance(38 * DAY);
    const [remit] = await payer.runDue();
    const r = model<Remittance835>(remit?.x12 ?? '');
    expect(balance835(r).balanced).toBe(true);
    // Received 2026-01-15, paid 2026-03-01: 45 days, 15 past prompt pay. Paid 520.00 (deductible 300.00,
    // 20% of 650.00): interest 520.00 × 12% × 15 / 365 = 2.564 → 2.56.
    expect(claimsOf(r)[0]?.paymentCents).toBe(52000);
    expect(r.payment.paymentDate).toBe('20260301');
    expect(r.providerAdjustments?.[0]?.adjustments).toEqual([
      { reason: { code: 'L6', referenceId: claimsOf(r)[0]?.payerClaimControlNumber }, amountCents: -256 },
    ]);
    expect(r.payment.totalPaymentCents).toBe(52256);
  });

  it('answers 270 and 276 in real time, and refuses what it cannot read', async () => {
    const { payer, advance } = setup();
    const parties = {
      senderQualifier: 'ZZ',
      senderId: 'RCMSUBMITTER',
      receiverQualifier: 'ZZ',
      receiverId: 'SANDBOXPAYER',
      date: '20260115',
      time: '0900',
      usageIndicator: 'T' as const,
    };
    const x270 = writeInterchange(
      parties,
      [
        {
          def: TS270,
          model: {
            beginning: { purposeCode: '13', referenceId: 'E1', date: '20260115', time: '0900', transactionTypeCode: 'RT' },
            sources: [
              {
                source: { entityCode: 'PR', entityType: '2', lastName: 'SANDBOX', idQualifier: 'PI', id: 'SBXCOMM01' },
                receivers: [
                  {
                    receiver: { entityCode: '1P', entityType: '2', lastName: 'HOSPITAL', idQualifier: 'XX', id: '1234567893' },
                    subscribers: [
                      {
                        member: {
                          entityType: '1',
                          lastName: 'DOE',
                          idQualifier: 'MI',
                          id: 'COPAY530',
                          inquiries: [{ serviceTypes: ['30'] }],
                        },
                      },
                    ],
                  },
                ],
              },
            ],
          },
        },
      ],
      sequentialControlNumbers(),
    );
    const res = model<Eligibility27x>(await payer.checkEligibility(x270, { payerId: 'SBXCOMM01' }));
    expect(res.sources[0]?.receivers[0]?.subscribers?.[0]?.member.benefits?.[0]?.benefitCode).toBe('1');
    await expect(payer.checkEligibility('not x12', { payerId: 'SBXCOMM01' })).rejects.toBeInstanceOf(PayerRequestInvalidError);

    await payer.submitClaims({
      batchId: 'b-530',
      payerId: 'SBXCOMM01',
      files: [{ name: 'c.837', x12: write837([claim('COPAY530', [line('99213', 9000, { serviceDate: '2026-01-10' })])]) }],
    });
    advance(8 * DAY);
    await payer.runDue();
    const x276 = writeInterchange(
      parties,
      [
        {
          def: TS276,
          model: {
            beginning: { purposeCode: '13', referenceId: 'S1', date: '20260123', time: '0900' },
            sources: [
              {
                name: { entityCode: 'PR', entityType: '2', lastName: 'SANDBOX', idQualifier: 'PI', id: 'SBXCOMM01' },
                receivers: [
                  {
                    name: { entityCode: '41', entityType: '2', lastName: 'BILLING', idQualifier: '46', id: 'SUB12345' },
                    providers: [
                      {
                        name: [{ entityCode: '1P', entityType: '2', lastName: 'HOSPITAL', idQualifier: 'XX', id: '1234567893' }],
                        subscribers: [
                          {
                            levelCode: '22',
                            name: { entityCode: 'IL', entityType: '1', lastName: 'DOE', idQualifier: 'MI', id: 'COPAY530' },
                            claims: [
                              {
                                traceType: '1',
                                traceNumber: 'PCN-COPAY530',
                                dates: [{ qualifier: '472', format: 'D8', value: '20260110' }],
                              },
                            ],
                          },
                        ],
                      },
                    ],
                  },
                ],
              },
            ],
          },
        },
      ],
      sequentialControlNumbers(),
    );
    const status = model<ClaimStatus277>(await payer.claimStatus(x276, { payerId: 'SBXCOMM01' }));
    expect(status.sources[0]?.receivers[0]?.providers?.[0]?.subscribers?.[0]?.claims?.[0]?.statuses?.[0]?.status).toEqual({
      categoryCode: 'F1',
      statusCode: '65',
    });
  });

  it('keeps files the inbox could not take and delivers them on the next run', async () => {
    let now = Date.parse('2026-01-15T09:00:00Z');
    let fail = true;
    const delivered: string[] = [];
    const payer = new SandboxPayer({
      clock: () => new Date(now),
      inbox: async (f) => {
        if (fail && f.kind === '277CA') throw new Error('S3 is down');
        delivered.push(f.kind);
      },
    });
    await payer.submitClaims({
      batchId: 'b-540',
      payerId: 'SBXCOMM01',
      files: [{ name: 'c.837', x12: write837([claim('FULL540', [line('99213', 9000, { serviceDate: '2026-01-10' })])]) }],
    });
    now += HOUR;
    await expect(payer.runDue()).rejects.toThrow('S3 is down');
    expect(delivered).toEqual(['999']);
    fail = false;
    expect((await payer.runDue()).map((f) => f.kind)).toEqual(['277CA']);
    expect(delivered).toEqual(['999', '277CA']);
  });

  it('can be saved and restored between runs (JSON snapshot) with the same files as an uninterrupted run', async () => {
    const claims = [
      claim('FULL550', [line('99213', 9000, { serviceDate: '2026-01-10' })]),
      claim('PEND550', [line('29881', 95000, { serviceDate: '2026-01-10' })], { authorizationNumber: 'A' }),
      claim('DED550', [line('99214', 13000, { serviceDate: '2026-01-10' })]),
    ];
    const steps = [HOUR, 7 * DAY, 40 * DAY];
    async function run(interrupt: boolean): Promise<string[]> {
      let now = Date.parse('2026-01-15T09:00:00Z');
      const out: string[] = [];
      const options = {
        clock: () => new Date(now),
        inbox: async (f: InboxFile) => {
          out.push(`${f.name}\n${f.x12}`);
        },
      };
      let payer = new SandboxPayer(options);
      await payer.submitClaims({ batchId: 'b-550', payerId: 'SBXCOMM01', files: [{ name: 'c.837', x12: write837(claims) }] });
      for (const step of steps) {
        now += step;
        if (interrupt) payer = new SandboxPayer({ ...options, restore: JSON.parse(JSON.stringify(payer.exportState())) });
        await payer.runDue();
      }
      return out;
    }
    const straight = await run(false);
    expect(straight.length).toBe(4);
    expect(await run(true)).toEqual(straight);
  });
});

describe('an 837 interchange the engine cannot read to its end', () => {
  it('is answered with a TA1 rejecting the interchange, and nothing is adjudicated', async () => {
    const { payer, inbox, advance } = setup();
    // The head reads as an 837 (so the batch is taken), but the interchange stops in the middle.
    const whole = write837([claim('FULL560', [line('99213', 9000, { serviceDate: '2026-01-10' })])]);
    const broken = whole.slice(0, Math.floor(whole.length * 0.6));
    await payer.submitClaims({ batchId: 'b-560', payerId: 'SBXCOMM01', files: [{ name: 'c.837', x12: broken }] });
    advance(HOUR);
    await payer.runDue();
    expect(inbox.map((f) => f.kind)).toEqual(['TA1']);
    const [ack] = parseX12(inbox[0]!.x12).acknowledgments ?? [];
    expect(ack).toMatchObject({ acknowledgmentCode: 'R' });
    advance(10 * DAY);
    expect(await payer.runDue()).toEqual([]);
  });
});
