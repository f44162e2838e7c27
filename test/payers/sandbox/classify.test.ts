import { describe, expect, it } from 'vitest';
import { classify } from '#functions/denials/index.ts';
import type { Adjustment } from '#schemas/adjustment.ts';
import { adjudicate } from '#functions/payers/sandbox/adjudicate.ts';
import { payerProfileOf, SANDBOX_COMMERCIAL } from '#functions/payers/sandbox/profiles.ts';
import { emptyState } from '#functions/payers/sandbox/state.ts';
import type { ClaimAdjudication, SandboxClaim } from '#functions/payers/sandbox/types.ts';
import { claim, line } from '#test/fixtures/payers/sandbox/claims.ts';

// The sandbox's denials must be ones the denial workflow (functions/denials) understands.
const plan = SANDBOX_COMMERCIAL;
const profile = payerProfileOf(plan, '837P');

function classified(c: SandboxClaim, receivedDate = '2026-01-20') {
  const a = adjudicate(c, plan, emptyState(), { today: '2026-01-20', receivedDate }).outcomes[0] as ClaimAdjudication;
  const adjustments: Adjustment[] = a.lines.flatMap((l) =>
    l.adjustments.map((x) => ({ group: x.group, reasonCode: x.reason, amountCents: x.amountCents })),
  );
  const remarks = [...a.remarks, ...a.lines.flatMap((l) => l.remarks)];
  return classify(adjustments, remarks, profile, {
    claimId: a.payerClaimControlNumber,
    remitDate: '2026-01-27',
    serviceDateFrom: '2026-01-05',
  });
}

describe('sandbox denials through the denial classifier', () => {
  const cases: [string, SandboxClaim, string, string, string?][] = [
    ['CO-197', claim('FULL950', [line('72148', 42000)], { diagnoses: ['M545'] }), 'appealable', 'appeal'],
    ['CO-50', claim('FULL951', [line('97110', 3200)]), 'appealable', 'appeal'],
    ['CO-4', claim('FULL952', [line('85025', 1100, { modifiers: ['25'] })]), 'correctable', 'correct-and-resubmit'],
    ['CO-97', claim('FULL953', [line('93000', 2000), line('93010', 900)], { diagnoses: ['R079'] }), 'correctable', 'correct-and-resubmit'],
    ['CO-96', claim('FULL954', [line('15780', 50000)]), 'non-covered', ''],
    ['CO-27', claim('TERM950', [line('99213', 9000)]), 'eligibility', ''],
    ['CO-22', claim('COB950', [line('99213', 9000)]), 'coordination-of-benefits', ''],
    ['CO-16 MA130', claim('FULL955', [line('99213', 9000)], { renderingProviderNpi: '1234567890' }), 'correctable', 'submit-new-claim'],
  ];
  it.each(cases)('%s is classified as %s', (_name, c, category, action) => {
    const r = classified(c);
    expect(r.category).toBe(category);
    if (action) expect(r.action).toBe(action);
  });

  it('CO-29 is a timely-filing denial', () => {
    expect(classified(claim('FULL956', [line('99213', 9000, { serviceDate: '2025-01-05' })]), '2026-01-20').category).toBe('timely-filing');
  });

  it('every code the sandbox sends is in the catalogs', () => {
    const unknown = new Set<string>();
    for (const [, c] of cases) for (const u of classified(c).unknownCodes) unknown.add(u);
    expect([...unknown]).toEqual([]);
  });
});
