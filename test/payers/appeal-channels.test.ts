/**
 * The gateway's appeal channel per adapter: the sandbox payer decides by its rules from the packet's
 * evidence (and refuses a claim number it does not know), the real gateway leaves the packet in the
 * outbox under appeals/ and answers pending.
 */
import type { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { describe, expect, it } from 'vitest';
import { claimsOf, parseX12 } from '#functions/x12/index.ts';
import type { Remittance835 } from '#functions/x12/index.ts';
import { S3AppealOutbox } from '#functions/payers/batch/appeal-outbox.ts';
import { PayerRejectedError, PayerRequestInvalidError, PayerUnavailableError, type AppealPacket } from '#functions/payers/gateway.ts';
import { sandboxAppealChannel, sandboxEvidenceOf } from '#functions/payers/sandbox/appeal-channel.ts';
import { SandboxPayer } from '#functions/payers/sandbox/sandbox-payer.ts';
import { claim, line } from '#test/fixtures/payers/sandbox/claims.ts';
import { write837 } from '#test/fixtures/payers/sandbox/x837.ts';

const DAY = 86_400_000;

const packet = (over: Partial<AppealPacket> = {}): AppealPacket => ({
  packetVersion: 1,
  appealId: 'APL-1',
  claimId: 'CLM-1',
  accountId: 'ACC-1',
  payerId: 'SBXCOMM01',
  payerName: 'SANDBOX COMMERCIAL HEALTH PLAN',
  level: 1,
  levelName: 'First-level appeal',
  dueDate: '2026-07-20',
  denialWorkItemId: 'DEN-1',
  payerClaimControlNumber: 'UNKNOWN',
  reasonCodes: ['CO-50', 'N115'],
  carc: ['CO-50'],
  rarc: ['N115'],
  category: 'appealable',
  disputedCents: 6_400,
  evidence: [
    { kind: 'medical-records', description: 'records' },
    { kind: 'remittance-advice', description: 'remit' },
  ],
  gaps: [],
  claim: {
    claimType: '837P',
    patientControlNumber: 'PCN-1',
    totalChargeCents: 6_400,
    serviceDateFrom: '2026-01-10',
    serviceDateTo: '2026-01-10',
    diagnoses: ['I10'],
    lines: [{ lineNumber: 1, procedureCode: '97110', modifiers: [], units: 2, serviceDateFrom: '2026-01-10', chargeCents: 6_400 }],
  },
  patient: { name: 'Test Member', dateOfBirth: '1970-01-01', memberId: 'STD1' },
  provider: { name: 'Example General Hospital', npi: '1234567893' },
  draftedAt: '2026-01-25T00:00:00Z',
  ...over,
});

describe('the sandbox payer files appeals by its rules', () => {
  it('overturns a CO-50 with the records (its reversal and new adjudication in the next 835), upholds one without', async () => {
    let now = Date.parse('2026-01-15T09:00:00Z');
    const files: string[] = [];
    const payer = new SandboxPayer({ clock: () => new Date(now), inbox: async (f) => void files.push(f.x12) });
    const therapy = (memberId: string) =>
      claim(memberId, [line('97110', 6_400, { serviceDate: '2026-01-10', units: '2' })], { diagnoses: ['I10'] });
    await payer.submitClaims({
      batchId: 'b-apl',
      payerId: 'SBXCOMM01',
      files: [{ name: 'c.837', x12: write837([therapy('FULL1'), therapy('FULL2')]) }],
    });
    now += 8 * DAY;
    await payer.runDue();
    const remit = parseX12(files.at(-1)!).transactions[0]!.model as unknown as Remittance835;
    const [one, two] = claimsOf(remit).map((c) => c.payerClaimControlNumber!);
    let decided = 0;
    const channel = sandboxAppealChannel(payer, { clock: () => new Date(now), afterDecision: () => (decided += 1) });

    expect(await channel.submitAppeal(packet({ payerClaimControlNumber: one! }), { payerId: 'SBXCOMM01' })).toEqual({
      outcome: 'overturned',
      receivedAt: new Date(now).toISOString(),
    });
    // Filing it again finds the denial already reversed: the payer refuses it.
    await expect(channel.submitAppeal(packet({ payerClaimControlNumber: one! }), { payerId: 'SBXCOMM01' })).rejects.toBeInstanceOf(
      PayerRejectedError,
    );
    const withoutRecords = packet({ payerClaimControlNumber: two!, evidence: [{ kind: 'remittance-advice', description: 'remit' }] });
    expect(sandboxEvidenceOf(withoutRecords)).toEqual([]);
    expect((await channel.submitAppeal(withoutRecords, { payerId: 'SBXCOMM01' })).outcome).toBe('upheld');
    expect(decided).toBe(2);

    now += DAY;
    await payer.runDue();
    const next = parseX12(files.at(-1)!).transactions[0]!.model as unknown as Remittance835;
    expect(claimsOf(next).map((c) => [c.statusCode, c.paymentCents])).toEqual([
      ['22', 0],
      ['1', 6_400],
    ]);
  });

  it('passes an authorization number as the reference of its evidence', () => {
    expect(sandboxEvidenceOf(packet({ evidence: [{ kind: 'authorization-number', description: 'auth', reference: 'AUTH-OK' }] }))).toEqual([
      { kind: 'authorization-number', reference: 'AUTH-OK' },
    ]);
  });
});

describe('the real gateway files appeals through the outbox', () => {
  const s3 = (fail = false) => {
    const sent: PutObjectCommand[] = [];
    const client = {
      send: async (command: PutObjectCommand) => {
        if (fail) throw Object.assign(new Error('down'), { name: 'ServiceUnavailable' });
        sent.push(command);
        return {};
      },
    } as unknown as Pick<S3Client, 'send'>;
    return { client, sent };
  };

  it('writes the packet under appeals/<payer>/<appeal>/ and answers pending', async () => {
    const { client, sent } = s3();
    const outbox = new S3AppealOutbox({ s3: client, bucket: 'outbox', now: () => new Date('2026-02-01T10:00:00Z') });
    expect(await outbox.submitAppeal(packet(), { payerId: 'SBXCOMM01' })).toEqual({
      outcome: 'pending',
      receivedAt: '2026-02-01T10:00:00.000Z',
    });
    expect(sent.map((c) => [c.input.Bucket, c.input.Key])).toEqual([['outbox', 'appeals/SBXCOMM01/APL-1/packet.json']]);
    expect(JSON.parse(String(sent[0]!.input.Body))).toEqual(packet());
  });

  it('refuses a malformed packet and reports the outbox down as retryable', async () => {
    await expect(
      new S3AppealOutbox({ s3: s3().client, bucket: 'o' }).submitAppeal(packet({ level: 9 }), { payerId: 'P' }),
    ).rejects.toBeInstanceOf(PayerRequestInvalidError);
    const down = new S3AppealOutbox({ s3: s3(true).client, bucket: 'o' });
    await expect(down.submitAppeal(packet(), { payerId: 'P' })).rejects.toMatchObject({ name: 'PayerUnavailableError', retryable: true });
    await expect(down.submitAppeal(packet(), { payerId: 'P' })).rejects.toBeInstanceOf(PayerUnavailableError);
  });
});
