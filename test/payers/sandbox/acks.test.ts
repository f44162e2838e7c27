import { describe, expect, it } from 'vitest';
import { parseX12, sequentialControlNumbers, TS277CA, TS837I, TS837P, TS999, writeInterchange } from '#functions/x12/index.ts';
import type { ClaimDocument837, ClaimStatus27x, InterchangeParties } from '#functions/x12/index.ts';
import { frontDoor } from '#functions/payers/sandbox/adjudicate.ts';
import { build277CA, build999 } from '#functions/payers/sandbox/emit-acks.ts';
import { claimsFrom837 } from '#functions/payers/sandbox/from837.ts';
import { emptyState } from '#functions/payers/sandbox/state.ts';
import { claim, line, RENDERING_NPI } from '#test/fixtures/payers/sandbox/claims.ts';
import { SUBMITTER_PARTIES, write837 } from '#test/fixtures/payers/sandbox/x837.ts';
import { document837 } from '#functions/payers/sandbox/to837.ts';

const PAYER_PARTIES: InterchangeParties = {
  senderQualifier: 'ZZ',
  senderId: 'SANDBOXPAYER',
  receiverQualifier: 'ZZ',
  receiverId: 'RCMSUBMITTER',
  date: '20260115',
  time: '1000',
  usageIndicator: 'T',
};

function readBack(text: string): { model: unknown; errors: unknown[] } {
  const r = parseX12(text, { strict: true });
  const t = r.transactions[0];
  return { model: t?.model, errors: [...r.findings, ...(t?.findings ?? [])].filter((f) => f.severity === 'error') };
}

describe('837 → sandbox claims', () => {
  it('reads ids, codes, references, notes and the rendering provider from an 837P written by the engine', () => {
    const c = claim('FULL200', [line('99213', 9000, { modifiers: ['25'] }), line('93000', 2000, { serviceDate: '2026-01-06' })], {
      authorizationNumber: 'AUTH77',
      notes: ['SBX-PEND'],
      renderingProviderNpi: RENDERING_NPI,
      diagnoses: ['R079', 'J069'],
    });
    const parsed = parseX12(write837([c]), { strict: true });
    expect(parsed.valid).toBe(true);
    const [back] = claimsFrom837(parsed.transactions[0]?.model as unknown as ClaimDocument837, '837P');
    expect(back).toEqual({ ...c, billingProviderName: 'EXAMPLE GENERAL HOSPITAL', patient: { lastName: 'DOE', firstName: 'JAN' } });
  });
});

describe('837I ⇄ sandbox claims', () => {
  it('round-trips an institutional claim (revenue codes, HCPCS, statement dates, attending NPI) through the engine', () => {
    const c = claim(
      'FULL201',
      [
        {
          lineNumber: 1,
          revenueCode: '0450',
          procedureCode: '99284',
          modifiers: ['25'],
          units: '1',
          chargeCents: 100000,
          serviceDate: '2026-01-05',
        },
        { lineNumber: 2, revenueCode: '0300', modifiers: [], units: '2', chargeCents: 23456, serviceDate: '2026-01-06' },
      ],
      {
        claimType: '837I',
        facilityCode: '13',
        diagnoses: ['M5416', 'R509'],
        renderingProviderNpi: RENDERING_NPI,
        authorizationNumber: 'AUTH9',
      },
    );
    const x12 = writeInterchange(
      SUBMITTER_PARTIES,
      [{ def: TS837I, model: document837([c]) as unknown as Record<string, unknown> }],
      sequentialControlNumbers(),
    );
    const parsed = parseX12(x12, { strict: true });
    expect(parsed.valid).toBe(true);
    const [back] = claimsFrom837(parsed.transactions[0]?.model as unknown as ClaimDocument837, '837I');
    expect(back).toEqual({ ...c, billingProviderName: 'EXAMPLE GENERAL HOSPITAL', patient: { lastName: 'DOE', firstName: 'JAN' } });
  });
});

describe('sandbox 277CA', () => {
  it('accepts clean claims (A2:20) and rejects at the front door (A3/A7), readable back without errors', () => {
    const claims = [
      claim('FULL210', [line('99213', 9000)]),
      claim('NF0002', [line('99213', 9000)]),
      claim('FULL211', [line('99213', 9000)], { diagnoses: [] }),
    ];
    const state = emptyState();
    const results = claims.map((c) => {
      const rejection = frontDoor(c, state, '2026-01-15');
      return rejection ? { claim: c, rejection } : { claim: c };
    });
    const model = build277CA(
      results,
      {
        payer: { name: 'SANDBOX COMMERCIAL HEALTH PLAN', id: 'SBXCOMM01' },
        submitter: { name: 'EXAMPLE HOSPITAL BILLING', id: 'SUB12345' },
        billingProvider: { name: 'EXAMPLE GENERAL HOSPITAL', npi: '1234567893' },
      },
      { today: '2026-01-15', time: '1000', referenceId: 'ACK0001', batchTrace: 'BATCH0001' },
    );
    const text = writeInterchange(
      PAYER_PARTIES,
      [{ def: TS277CA, model: model as unknown as Record<string, unknown> }],
      sequentialControlNumbers(),
    );
    const back = readBack(text);
    expect(back.errors).toEqual([]);
    expect(back.model).toEqual(model);
    // 2100B names the submitter as the information receiver, NM101 41 (X214), carried by the model.
    expect(model.sources[0]?.receivers[0]?.name).toMatchObject({ entityCode: '41', idQualifier: '46', id: 'SUB12345' });
    expect(text).toContain('NM1*41*2*EXAMPLE HOSPITAL BILLING*****46*SUB12345~');
    const statuses = (back.model as ClaimStatus27x).sources[0]?.receivers[0]?.providers?.[0]?.subscribers?.map(
      (s) => s.claims?.[0]?.statuses?.[0]?.status,
    );
    expect(statuses).toEqual([
      { categoryCode: 'A2', statusCode: '20', entityCode: 'PR' },
      { categoryCode: 'A3', statusCode: '33', entityCode: 'IL' },
      { categoryCode: 'A7', statusCode: '255' },
    ]);
    expect(text).toContain('QTY*90*1~');
    expect(text).toContain('QTY*AA*2~');
    // X214: 2200A with the receipt and process dates; STC02-04 in 2200B; no STC02 in 2200C; no HL04 on patients.
    const segments = text.split(/~\n?/);
    expect(segments.slice(segments.indexOf('HL*1**20*1'), segments.indexOf('HL*2*1*21*1'))).toEqual([
      'HL*1**20*1',
      'NM1*PR*2*SANDBOX COMMERCIAL HEALTH PLAN*****PI*SBXCOMM01',
      'TRN*1*ACK0001',
      'DTP*050*D8*20260115',
      'DTP*009*D8*20260115',
    ]);
    expect(segments).toContain('STC*A1:19:PR*20260115*WQ*270');
    expect(segments).toContain('STC*A1:19:PR**WQ*270');
    expect(segments.filter((s) => s.startsWith('HL*') && s.includes('*PT'))).toEqual(['HL*4*3*PT', 'HL*5*3*PT', 'HL*6*3*PT']);
  });
});

describe('sandbox 999', () => {
  it('accepts a well-formed 837 file', () => {
    const parsed = parseX12(write837([claim('FULL220', [line('99213', 9000)])]), { strict: true, keepSegments: true });
    const [ack] = build999(parsed.transactions);
    expect(ack?.groupResponse).toEqual({ acknowledgmentCode: 'A', includedCount: 1, receivedCount: 1, acceptedCount: 1 });
    const text = writeInterchange(
      PAYER_PARTIES,
      [{ def: TS999, model: ack as unknown as Record<string, unknown> }],
      sequentialControlNumbers(),
    );
    const back = readBack(text);
    expect(back.errors).toEqual([]);
    expect(back.model).toEqual(ack);
  });

  it('rejects a malformed file, naming the segment and element but not echoing the value', () => {
    // Break CLM02 (the total charge) and the SE count.
    const bad = write837([claim('FULL221', [line('99213', 9000)])])
      .replace(/CLM\*([^*]+)\*90\*/, 'CLM*$1*9X0*')
      .replace(/SE\*(\d+)\*/, (_m, n: string) => `SE*${Number(n) + 1}*`);
    const parsed = parseX12(bad, { keepSegments: true });
    const [ack] = build999(parsed.transactions);
    expect(ack?.groupResponse.acknowledgmentCode).toBe('R');
    const t = ack?.transactionSets?.[0];
    expect(t?.response.acknowledgmentCode).toBe('R');
    expect(t?.response.errorCodes?.map((e) => e.code).sort()).toEqual(['4', '5']);
    const clm = t?.segmentErrors?.find((e) => e.segmentId === 'CLM');
    expect(clm).toMatchObject({ errorCode: '8', elementErrors: [{ position: { elementPosition: 2 }, errorCode: '6' }] });
    expect(clm?.elementErrors?.[0]?.badValue).toBeUndefined();
    const text = writeInterchange(
      PAYER_PARTIES,
      [{ def: TS999, model: ack as unknown as Record<string, unknown> }],
      sequentialControlNumbers(),
    );
    expect(readBack(text).errors).toEqual([]);
    expect(text).not.toContain('9X0');
  });

  it('partially accepts a group when one of its transaction sets is bad (AK9 P)', () => {
    const good = write837([claim('FULL230', [line('99213', 9000)])]);
    const two = writeInterchange(
      SUBMITTER_PARTIES,
      [
        { def: TS837P, model: document837([claim('FULL231', [line('99213', 9000)])]) as unknown as Record<string, unknown> },
        { def: TS837P, model: document837([claim('FULL232', [line('99213', 9000)])]) as unknown as Record<string, unknown> },
      ],
      sequentialControlNumbers(),
    );
    const bad = two.replace(/CLM\*PCN-FULL232\*90\*/, 'CLM*PCN-FULL232*9X0*');
    expect(bad).not.toEqual(two);
    const [ack] = build999(parseX12(bad, { keepSegments: true }).transactions);
    expect(ack?.transactionSets?.map((t) => t.response.acknowledgmentCode)).toEqual(['A', 'R']);
    expect(ack?.groupResponse).toEqual({ acknowledgmentCode: 'P', includedCount: 2, receivedCount: 2, acceptedCount: 1 });
    expect(build999(parseX12(good, { keepSegments: true }).transactions)[0]?.groupResponse.acknowledgmentCode).toBe('A');
  });
});
