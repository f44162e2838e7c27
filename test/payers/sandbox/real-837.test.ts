import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseX12 } from '#functions/x12/index.ts';
import type { ClaimDocument837 } from '#functions/x12/index.ts';
import { adjudicate } from '#functions/payers/sandbox/adjudicate.ts';
import { claimsFrom837 } from '#functions/payers/sandbox/from837.ts';
import { SANDBOX_COMMERCIAL, SANDBOX_SECONDARY } from '#functions/payers/sandbox/profiles.ts';
import { emptyState } from '#functions/payers/sandbox/state.ts';
import type { ClaimAdjudication } from '#functions/payers/sandbox/types.ts';
import { BILLING_NPI } from '#test/fixtures/payers/sandbox/claims.ts';
import { tr3ExamplePath } from '#test/support/tr3-examples.ts';

// A TR3 example (fictitious people) from LinuxForHealth/x12, Apache-2.0: see test/fixtures/x12/SOURCES.md.
const COB_837 = tr3ExamplePath('demo.cob.example4.837');

describe('sandbox on a real secondary 837P (TR3 COB example)', () => {
  const parsed = parseX12(readFileSync(COB_837));
  const [c] = claimsFrom837(parsed.transactions[0]?.model as unknown as ClaimDocument837, '837P');

  it('reads the prior payer adjudication from loops 2320/2430', () => {
    expect(c).toMatchObject({
      patientControlNumber: '101KEN6055',
      memberId: '102200221B1',
      payerId: '10234',
      totalChargeCents: 12000,
      diagnoses: ['71516', '71906'],
      renderingProviderNpi: '9090909090',
      lines: [{ lineNumber: 1, procedureCode: '99203', modifiers: ['25'], units: '1.00', chargeCents: 12000, serviceDate: '2005-01-19' }],
      priorPayer: {
        payerId: '59999',
        paidCents: 8000,
        adjudicatedDate: '2005-01-28',
        lines: [
          {
            lineNumber: 1,
            paidCents: 8000,
            adjustments: [
              { groupCode: 'CO', adjustments: [{ reasonCode: '42', amountCents: 2500 }] },
              { groupCode: 'PR', adjustments: [{ reasonCode: '2', amountCents: 1500 }] },
            ],
          },
        ],
      },
    });
  });

  it('rejects it at the front door for its billing NPI (0100000009 is not a valid NPI), and pays the coinsurance as secondary once corrected', () => {
    if (!c) throw new Error('no claim');
    const claim = { ...c, payerId: SANDBOX_SECONDARY.payerId, renderingProviderNpi: '1999999984' };
    const today = '2005-02-20';
    expect(adjudicate(claim, SANDBOX_SECONDARY, emptyState(), { today }).outcomes[0]).toMatchObject({
      kind: 'rejected',
      category: 'A7',
      statusCode: '562',
    });
    const a = adjudicate({ ...claim, billingProviderNpi: BILLING_NPI }, SANDBOX_SECONDARY, emptyState(), { today })
      .outcomes[0] as ClaimAdjudication;
    // Secondary allows 99203 at 110.00 × 0.9 = 99.00; 99.00 − 80.00 = 19.00 ≥ 15.00 coinsurance → pays 15.00.
    expect(a).toMatchObject({ statusCode: '2', paidCents: 1500, patientResponsibilityCents: 0 });
    expect(a.lines[0]?.adjustments).toEqual([{ group: 'CO', reason: '23', amountCents: 10500 }]);
  });
});

// The LinuxForHealth/x12 837I demo file (fictitious people), Apache-2.0: see test/fixtures/x12/LinuxForHealth-x12/LICENSE.upstream.
const DEMO_837I = new URL('../../fixtures/x12/LinuxForHealth-x12/demo-file/demo.837i', import.meta.url);

describe('sandbox on a real 837I (LinuxForHealth demo)', () => {
  it('reads revenue codes and HCPCS, ignores the other payer when the payer billed is primary, and prices by revenue code when the HCPCS is not in the fee schedule', () => {
    const parsed = parseX12(readFileSync(DEMO_837I));
    const [c] = claimsFrom837(parsed.transactions[0]?.model as unknown as ClaimDocument837, '837I');
    if (!c) throw new Error('no claim');
    expect(c.priorPayer).toBeUndefined();
    expect(c.lines.map((l) => [l.revenueCode, l.procedureCode, l.units, l.chargeCents])).toEqual([
      ['0305', '85025', '1.00', 1339],
      ['0730', '93005', '3.00', 7654],
    ]);
    // Moved to 2026 (sandbox members are effective from 2000) and to a FULL member with a valid billing NPI.
    const claim = {
      ...c,
      payerId: 'SBXCOMM01',
      memberId: 'FULL-030005074A',
      billingProviderNpi: BILLING_NPI,
      lines: c.lines.map((l) => ({ ...l, serviceDate: '2026-01-05' })),
    };
    const a = adjudicate(claim, SANDBOX_COMMERCIAL, emptyState(), { today: '2026-01-20' }).outcomes[0] as ClaimAdjudication;
    // 85025: fee schedule 11.00; 93005 is not in it, so revenue code 0730 at 50.00 per unit × 3 = 150.00, capped by the 76.54 charge.
    expect(a.lines.map((l) => [l.allowedCents, l.paidCents])).toEqual([
      [1100, 1100],
      [7654, 7654],
    ]);
  });
});
