/**
 * Claims through the sandbox payer, as the billing team lives it: submit a batch, read the 999 and the
 * 277CA, wait for the payment cycle's 835; send a corrected claim and a secondary claim; see
 * rejections come back with their codes. Every result we hand to a workflow is checked for PHI.
 */
import { describe, expect, it } from 'vitest';
import { claimsOf, parseX12, sequentialControlNumbers } from '#functions/x12/index.ts';
import type { Claim835, ClaimDocument837, Remittance835 } from '#functions/x12/index.ts';
import { claimsFrom837 } from '#functions/payers/sandbox/from837.ts';
import { SandboxPayer } from '#functions/payers/sandbox/sandbox-payer.ts';
import type { InboxFile } from '#functions/payers/sandbox/sandbox-payer.ts';
import { claimsAcknowledged999, read277ca, read999, write837Batch } from '#functions/payers/exchange/index.ts';
import type { Claim837Input, Written837Batch } from '#functions/payers/exchange/index.ts';
import {
  casey,
  caseyCoverage,
  claim,
  COMMERCIAL,
  dana,
  danaCoverage,
  doctor,
  ines,
  inesCoverage,
  institutionalClaim,
  line,
  morgan,
  morganPrimary,
  morganSecondary,
  nico,
  nicoCoverage,
  parties,
  phiOf,
  records,
  remittanceClaimOf,
  SECONDARY,
} from './fixtures.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** A sandbox payer on a simulated clock with an in-memory inbox. */
function sandbox(start = '2026-01-15T09:00:00Z'): {
  payer: SandboxPayer;
  inbox: InboxFile[];
  advance: (ms: number) => Promise<InboxFile[]>;
  now: () => string;
} {
  let now = Date.parse(start);
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
    now: () => new Date(now).toISOString(),
    advance: async (ms) => {
      now += ms;
      return payer.runDue();
    },
  };
}

const controls = sequentialControlNumbers(100);

async function submit(payer: SandboxPayer, inputs: Claim837Input[], batchId: string, now: string): Promise<Written837Batch> {
  const batch = write837Batch(inputs, parties(batchId, now), controls);
  await payer.submitClaims({ batchId, payerId: batch.payerId, files: [{ name: `${batchId}.837`, x12: batch.x12 }] });
  return batch;
}

function remittances(files: readonly InboxFile[]): Claim835[] {
  return files
    .filter((f) => f.kind === '835')
    .flatMap((f) => parseX12(f.x12).transactions.flatMap((t) => claimsOf(t.model as unknown as Remittance835)));
}

const expectNoPhi = (result: unknown, strings: readonly string[]): void => {
  const json = JSON.stringify(result);
  for (const s of strings) expect(json).not.toContain(s);
};

describe('claims through the sandbox payer', () => {
  it("a day's claims: accepted by the 999 and the 277CA an hour later, paid on the payment cycle a week later", async () => {
    const { payer, advance, now } = sandbox();
    const inputs = [
      records(claim('PCN-D10', danaCoverage, [line('99213', 9000)]), dana, danaCoverage),
      records(claim('PCN-C10', caseyCoverage, [line('99214', 20000), line('85025', 1500)]), casey, caseyCoverage),
      records(institutionalClaim('PCN-I10', inesCoverage), ines, inesCoverage, { renderingProvider: undefined, attendingProvider: doctor }),
    ];
    const batch = await submit(payer, inputs, 'BATCH-0115', now());
    expect(await payer.runDue()).toEqual([]);

    const acks = await advance(HOUR);
    expect(acks.map((f) => f.kind)).toEqual(['999', '277CA']);
    const syntax = read999(acks[0]?.x12 ?? '');
    expect(syntax.groups.map((g) => [g.functionalId, g.code, g.accepted])).toEqual([
      ['HC', 'A', true],
      ['HC', 'A', true],
    ]);
    expect(syntax.transactionSets.map((t) => [t.groupControlNumber, t.controlNumber, t.accepted, t.errors])).toEqual(
      batch.transactionSets.map((t) => [t.groupControlNumber, t.controlNumber, true, []]),
    );
    expect(claimsAcknowledged999(syntax, batch)).toEqual([
      { patientControlNumber: 'PCN-D10', accepted: true, code: 'A' },
      { patientControlNumber: 'PCN-C10', accepted: true, code: 'A' },
      { patientControlNumber: 'PCN-I10', accepted: true, code: 'A' },
    ]);
    const front = read277ca(acks[1]?.x12 ?? '');
    expect(front.claims.map((c) => [c.patientControlNumber, c.accepted, c.statuses[0], c.chargeCents])).toEqual([
      ['PCN-D10', true, { category: 'A2', code: '20', entity: 'PR' }, 9000],
      ['PCN-C10', true, { category: 'A2', code: '20', entity: 'PR' }, 21500],
      ['PCN-I10', true, { category: 'A2', code: '20', entity: 'PR' }, 107000],
    ]);
    expect(front.batches.map((b) => [b.level, b.accepted])).toEqual([
      ['receiver', true],
      ['provider', true],
    ]);
    expect(front.findings.filter((f) => f.severity === 'error')).toEqual([]);
    expectNoPhi([syntax, front], phiOf({ p: dana, c: danaCoverage }, { p: casey, c: caseyCoverage }, { p: ines, c: inesCoverage }));

    expect(await advance(6 * DAY)).toEqual([]);
    const cycle = await advance(DAY);
    expect(cycle.map((f) => f.kind)).toEqual(['835']);
    expect(remittances(cycle).map((c) => [c.patientControlNumber, c.statusCode])).toEqual([
      ['PCN-D10', '1'],
      ['PCN-C10', '1'],
      ['PCN-I10', '1'],
    ]);
    expect(remittances(cycle).find((c) => c.patientControlNumber === 'PCN-D10')?.paymentCents).toBe(9000);
  });

  it('a corrected claim (frequency 7) replaces the paid original: the 835 reverses it (CLP02 22) and pays the correction', async () => {
    const { payer, advance, now } = sandbox();
    await submit(payer, [records(claim('PCN-D20', danaCoverage, [line('99213', 9000)]), dana, danaCoverage)], 'BATCH-20', now());
    await advance(HOUR);
    const [original] = remittances(await advance(7 * DAY));
    expect(original?.statusCode).toBe('1');

    const corrected = claim('PCN-D20', danaCoverage, [line('99214', 13000)], {
      frequencyCode: '7',
      originalPayerClaimNumber: original?.payerClaimControlNumber,
    });
    await submit(payer, [records(corrected, dana, danaCoverage)], 'BATCH-21', now());
    const acks = await advance(HOUR);
    expect(read277ca(acks.find((f) => f.kind === '277CA')?.x12 ?? '').claims.map((c) => [c.patientControlNumber, c.accepted])).toEqual([
      ['PCN-D20', true],
    ]);
    const replaced = remittances(await advance(7 * DAY));
    expect(replaced.map((c) => [c.statusCode, c.paymentCents])).toEqual([
      ['22', -9000],
      ['1', 13000],
    ]);
  });

  /**
   * The primary's payment cycle after a claim was sent: its claim as the 835 reports it (paid, CLP02 1)
   * and what a secondary claim carries of it (loops 2320/2330/2430).
   */
  async function primaryPaid(advance: (ms: number) => Promise<InboxFile[]>) {
    await advance(HOUR);
    const cycle = await advance(7 * DAY);
    const [remit] = remittances(cycle);
    expect(remit?.statusCode).toBe('1');
    const paymentDate = (parseX12(cycle[0]?.x12 ?? '').transactions[0]?.model as unknown as Remittance835).payment.paymentDate;
    const posted = remittanceClaimOf(remit as Claim835);
    const primaryAdjudication = {
      payer: COMMERCIAL,
      coverage: morganPrimary,
      adjudicatedDate: `${paymentDate.slice(0, 4)}-${paymentDate.slice(4, 6)}-${paymentDate.slice(6, 8)}`,
      remittance: posted,
    };
    return { posted, primaryAdjudication };
  }

  it("a secondary claim carries the primary's 835: the secondary pays as secondary (CLP02 2)", async () => {
    const { payer, advance, now } = sandbox();
    const primary = claim('PCN-M30', morganPrimary, [line('99214', 20000)]);
    await submit(payer, [records(primary, morgan, morganPrimary)], 'BATCH-30', now());
    const { posted, primaryAdjudication } = await primaryPaid(advance);
    expect(posted.patientResponsibilityCents).toBeGreaterThan(0);

    const secondary = claim('PCN-M31', morganSecondary, [line('99214', 20000)], { priorPayerPaidCents: posted.paidCents });
    const batch = await submit(payer, [records(secondary, morgan, morganSecondary, { primaryAdjudication })], 'BATCH-31', now());
    expect(batch.payerId).toBe(SECONDARY.payerId);
    const acks = await advance(HOUR);
    expect(read999(acks[0]?.x12 ?? '').transactionSets.every((t) => t.accepted)).toBe(true);
    expect(read277ca(acks[1]?.x12 ?? '').claims.map((c) => c.accepted)).toEqual([true]);
    const [second] = remittances(await advance(7 * DAY));
    expect(second?.patientControlNumber).toBe('PCN-M31');
    expect(second?.statusCode).toBe('2');
    expect(second?.paymentCents).toBeGreaterThan(0);
    expect(second?.paymentCents).toBeLessThanOrEqual(posted.patientResponsibilityCents);
  });

  it("an outpatient secondary (837I) carries the primary's adjudication of every line, the one billed on its revenue code alone included", async () => {
    const { payer, advance, now } = sandbox();
    const hospitalVisit = { renderingProvider: undefined, attendingProvider: doctor };
    await submit(payer, [records(institutionalClaim('PCN-MI30', morganPrimary), morgan, morganPrimary, hospitalVisit)], 'BATCH-40', now());
    const { posted, primaryAdjudication } = await primaryPaid(advance);
    // Line 2 was billed on revenue code 0300 alone: the 835 answers it without a procedure.
    expect(posted.lines.map((l) => l.procedureCode)).toEqual(['99284', undefined]);

    const secondary = { ...institutionalClaim('PCN-MI31', morganSecondary), priorPayerPaidCents: posted.paidCents };
    const batch = await submit(
      payer,
      [records(secondary, morgan, morganSecondary, { ...hospitalVisit, primaryAdjudication })],
      'BATCH-41',
      now(),
    );
    // Both lines carry their 2430 (SVD04 the revenue code; SVD03 only where there is a procedure),
    // and the file has no finding at all.
    const sent = parseX12(batch.x12);
    expect([...sent.findings, ...sent.transactions.flatMap((t) => t.findings)]).toEqual([]);
    const doc = sent.transactions[0]?.model as unknown as ClaimDocument837;
    const lines = doc.billingProviders[0]?.subscribers[0]?.claims?.[0]?.serviceLines ?? [];
    expect(lines.map((l) => l.adjudications?.map((a) => [a.paidCents, a.procedure?.code, a.revenueCode]))).toEqual([
      [[posted.lines[0]?.paidCents, '99284', '0450']],
      [[posted.lines[1]?.paidCents, undefined, '0300']],
    ]);
    // The sandbox payer reads the primary's figures line by line, the procedure-less line too.
    const [read] = claimsFrom837(doc, '837I');
    expect(read?.priorPayer?.lines.map((l) => [l.lineNumber, l.paidCents, l.adjustments.flatMap((g) => g.adjustments).length > 0])).toEqual(
      posted.lines.map((l) => [l.lineNumber, l.paidCents, l.adjustments.length > 0]),
    );

    const acks = await advance(HOUR);
    expect(read999(acks[0]?.x12 ?? '').transactionSets.every((t) => t.accepted)).toBe(true);
    expect(read277ca(acks[1]?.x12 ?? '').claims.map((c) => [c.patientControlNumber, c.accepted])).toEqual([['PCN-MI31', true]]);
    const [second] = remittances(await advance(7 * DAY));
    expect(second?.patientControlNumber).toBe('PCN-MI31');
    expect(second?.statusCode).toBe('2');
    expect(second?.paymentCents).toBeLessThanOrEqual(posted.patientResponsibilityCents);
  });

  it('an unknown member is rejected at the front door (277CA A3:33:IL) while the rest of the batch goes on', async () => {
    const { payer, advance, now } = sandbox();
    await submit(
      payer,
      [
        records(claim('PCN-N40', nicoCoverage, [line('99213', 9000)]), nico, nicoCoverage),
        records(claim('PCN-D40', danaCoverage, [line('99212', 5500)]), dana, danaCoverage),
      ],
      'BATCH-40',
      now(),
    );
    const acks = await advance(HOUR);
    expect(read999(acks[0]?.x12 ?? '').groups[0]?.accepted).toBe(true);
    const front = read277ca(acks[1]?.x12 ?? '');
    // Both from the one interchange the payer sent: one acknowledgement, one source.
    const source = { tag: expect.stringMatching(/^[0-9a-f]{16}$/), createdAt: expect.any(String) };
    expect(front.claims).toEqual([
      {
        patientControlNumber: 'PCN-N40',
        accepted: false,
        statuses: [{ category: 'A3', code: '33', entity: 'IL' }],
        chargeCents: 9000,
        source,
      },
      {
        patientControlNumber: 'PCN-D40',
        accepted: true,
        statuses: [{ category: 'A2', code: '20', entity: 'PR' }],
        chargeCents: 5500,
        source,
      },
    ]);
    expect(front.claims[0]!.source).toEqual(front.claims[1]!.source);
    expectNoPhi(front, phiOf({ p: nico, c: nicoCoverage }, { p: dana, c: danaCoverage }));
    expect(remittances(await advance(7 * DAY)).map((c) => c.patientControlNumber)).toEqual(['PCN-D40']);
  });

  it('a file the payer cannot read is rejected by the 999 (IK5 R) with the error located, and no 277CA follows', async () => {
    const { payer, advance, now } = sandbox();
    const batch = write837Batch(
      [records(claim('PCN-D50', danaCoverage, [line('99213', 9000)]), dana, danaCoverage)],
      parties('BATCH-50', now()),
      controls,
    );
    const broken = batch.x12.replace(/CLM\*PCN-D50\*90\*/, 'CLM*PCN-D50*9X0*');
    await payer.submitClaims({ batchId: 'BATCH-50', payerId: batch.payerId, files: [{ name: 'b50.837', x12: broken }] });
    const files = await advance(HOUR);
    expect(files.map((f) => f.kind)).toEqual(['999']);
    const syntax = read999(files[0]?.x12 ?? '');
    expect(syntax.transactionSets).toHaveLength(1);
    expect(syntax.transactionSets[0]).toMatchObject({ setId: '837', code: 'R', accepted: false, errorCodes: ['5'] });
    // IK3 (segment has element errors, 8) and IK4 (CLM02 invalid number, 6), located by position from ST.
    const clmPosition =
      batch.x12
        .split(/~\s*/)
        .filter(Boolean)
        .slice(2)
        .findIndex((s) => s.startsWith('CLM*')) + 1;
    expect(syntax.transactionSets[0]?.errors).toEqual([
      { segmentId: 'CLM', position: clmPosition, code: '8' },
      { segmentId: 'CLM', position: clmPosition, element: 2, code: '6' },
    ]);
    expect(claimsAcknowledged999(syntax, batch)).toEqual([{ patientControlNumber: 'PCN-D50', accepted: false, code: 'R' }]);
    expectNoPhi(syntax, ['9X0', ...phiOf({ p: dana, c: danaCoverage })]);
  });
});
