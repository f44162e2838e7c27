import { describe, expect, it } from 'vitest';
import { adjudicate } from '#functions/payers/sandbox/adjudicate.ts';
import { decideAppeal } from '#functions/payers/sandbox/appeals.ts';
import { SANDBOX_COMMERCIAL } from '#functions/payers/sandbox/profiles.ts';
import { emptyState } from '#functions/payers/sandbox/state.ts';
import type { SandboxPlan } from '#functions/payers/sandbox/types.ts';
import type { ClaimAdjudication, SandboxClaim } from '#functions/payers/sandbox/types.ts';
import { claim, line } from '#test/fixtures/payers/sandbox/claims.ts';

const plan = SANDBOX_COMMERCIAL;

function denied(c: SandboxClaim, p: SandboxPlan = plan): { a: ClaimAdjudication; state: ReturnType<typeof emptyState> } {
  const r = adjudicate(c, p, emptyState(), { today: '2026-01-20', receivedDate: '2026-01-10' });
  return { a: r.outcomes[0] as ClaimAdjudication, state: r.state };
}

describe('sandbox appeals', () => {
  it('deny with CO-197, overturn on appeal with the authorization number: reversal, then payment', () => {
    const { a, state } = denied(claim('FULL300', [line('72148', 42000), line('99213', 9000)], { diagnoses: ['M545'] }));
    expect(a.lines[0]?.adjustments).toEqual([{ group: 'CO', reason: '197', amountCents: 42000 }]);
    const d = decideAppeal(
      { payerClaimControlNumber: a.payerClaimControlNumber, evidence: [{ kind: 'authorization-number', reference: 'AUTH-RETRO-1' }] },
      plan,
      state,
      '2026-02-15',
    );
    expect(d.decision).toBe('overturned');
    expect(d.overturned).toEqual(['CO-197']);
    const [reversal, again] = d.outcomes as [ClaimAdjudication, ClaimAdjudication];
    expect(reversal).toMatchObject({ statusCode: '22', payerClaimControlNumber: a.payerClaimControlNumber, paidCents: -a.paidCents });
    expect(again.statusCode).toBe('1');
    expect(again.paidCents).toBe(51000);
    expect(again.receivedDate).toBe('2026-01-10');
    expect(d.state.claims[again.payerClaimControlNumber]?.claim.authorizationNumber).toBe('AUTH-RETRO-1');
    // The old denial cannot be appealed again.
    expect(
      decideAppeal(
        { payerClaimControlNumber: a.payerClaimControlNumber, evidence: [{ kind: 'authorization-number' }] },
        plan,
        d.state,
        '2026-02-16',
      ).decision,
    ).toBe('not-found');
  });

  it('upholds CO-197 without the authorization, and CO-50 without medical records', () => {
    const auth = denied(claim('FULL301', [line('72148', 42000)], { diagnoses: ['M545'] }));
    expect(
      decideAppeal(
        { payerClaimControlNumber: auth.a.payerClaimControlNumber, evidence: [{ kind: 'medical-records' }] },
        plan,
        auth.state,
        '2026-02-15',
      ),
    ).toMatchObject({ decision: 'upheld', upheld: ['CO-197'], outcomes: [] });
    const nec = denied(claim('FULL302', [line('97110', 3200)]));
    expect(
      decideAppeal(
        { payerClaimControlNumber: nec.a.payerClaimControlNumber, evidence: [{ kind: 'authorization-number', reference: 'X' }] },
        plan,
        nec.state,
        '2026-02-15',
      ).decision,
    ).toBe('upheld');
    const won = decideAppeal(
      { payerClaimControlNumber: nec.a.payerClaimControlNumber, evidence: [{ kind: 'medical-records' }] },
      plan,
      nec.state,
      '2026-02-15',
    );
    expect(won.decision).toBe('overturned');
    expect((won.outcomes[1] as ClaimAdjudication).paidCents).toBe(3200);
  });

  it('overturns one reason and keeps the other (partially overturned)', () => {
    const { a, state } = denied(claim('FULL303', [line('72148', 42000), line('15780', 5000)], { diagnoses: ['M545'] }));
    const d = decideAppeal(
      { payerClaimControlNumber: a.payerClaimControlNumber, evidence: [{ kind: 'authorization-number', reference: 'A9' }] },
      plan,
      state,
      '2026-02-15',
    );
    expect(d).toMatchObject({ decision: 'partially-overturned', overturned: ['CO-197'], upheld: ['CO-96'] });
    expect((d.outcomes[1] as ClaimAdjudication).lines.map((l) => l.paidCents)).toEqual([42000, 0]);
  });

  it('a claim with a no-appeal-rights remark (MA130) must be corrected, not appealed', () => {
    const { a, state } = denied(claim('FULL304', [line('99213', 9000)], { renderingProviderNpi: '1234567890' }));
    expect(
      decideAppeal(
        { payerClaimControlNumber: a.payerClaimControlNumber, evidence: [{ kind: 'medical-records' }] },
        plan,
        state,
        '2026-02-15',
      ).decision,
    ).toBe('not-appealable');
  });

  it('rules are configuration: a plan without a CO-50 rule upholds whatever the evidence', () => {
    const strict: SandboxPlan = { ...plan, appealRules: plan.appealRules.filter((r) => r.reason !== 'CO-50') };
    const { a, state } = denied(claim('FULL305', [line('97110', 3200)]), strict);
    expect(
      decideAppeal(
        { payerClaimControlNumber: a.payerClaimControlNumber, evidence: [{ kind: 'medical-records' }] },
        strict,
        state,
        '2026-02-15',
      ).decision,
    ).toBe('upheld');
  });
});
