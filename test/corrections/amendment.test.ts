/** The rules of a person's fix to a claim: what may change, every problem at once, the total from the lines. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyChanges, isAmendable } from '#functions/corrections/amendment.ts';
import { resubmissionOf } from '#functions/corrections/prepare-resubmission.ts';
import { amendClaimRequest, type ClaimChanges } from '#schemas/claim-amendment.ts';
import { claimStatus } from '#schemas/claim.ts';
import { claim, danaCoverage, line } from '#test/payers/exchange/fixtures.ts';

const visit = claim('PCN-AM1', danaCoverage, [line('99213', 12_000, { modifiers: ['LT'] }), line('36415', 1_500)]);

describe('amending a claim', () => {
  it('removes a wrong modifier and corrects a charge: the total follows the lines, the changed paths are named', () => {
    const out = applyChanges(visit, { lines: [{ lineNumber: 1, modifiers: [], chargeCents: 9_000 }] });
    expect(out).toMatchObject({ ok: true, changed: ['lines[1].modifiers', 'lines[1].chargeCents', 'totalChargeCents'] });
    if (!out.ok) return;
    expect(out.claim.lines[0]).toMatchObject({ modifiers: [], chargeCents: 9_000 });
    expect(out.claim.totalChargeCents).toBe(10_500);
    expect(visit.lines[0]!.modifiers).toEqual(['LT']);
  });

  it('adds a missing diagnosis and names only the field, never the code', () => {
    const out = applyChanges({ ...visit, diagnoses: [] }, { diagnoses: [{ code: 'J06.9' }] });
    expect(out).toMatchObject({ ok: true, changed: ['diagnoses'] });
    expect(JSON.stringify(out.ok && out.changed)).not.toContain('J06');
  });

  it('changing a field to what it already says changes nothing (a retried call)', () => {
    expect(
      applyChanges(visit, {
        lines: [{ lineNumber: 2, chargeCents: 1_500, modifiers: [] }],
        renderingProviderId: visit.renderingProviderId!,
      }),
    ).toEqual({ ok: true, claim: visit, changed: [] });
  });

  it('lists every problem at once: unknown and repeated lines, pointers past the diagnoses, a repeated diagnosis', () => {
    const out = applyChanges(visit, {
      diagnoses: [{ code: 'J06.9' }, { code: 'J069' }],
      lines: [
        { lineNumber: 7, units: 2 },
        { lineNumber: 1, diagnosisPointers: [3] },
        { lineNumber: 1, units: 2 },
      ],
    });
    expect(out.ok).toBe(false);
    if (out.ok) return;
    expect(out.problems.map((p) => p.path)).toEqual([
      'changes.lines.0.lineNumber',
      'changes.lines.2.lineNumber',
      'changes.diagnoses',
      'changes.lines.1.diagnosisPointers',
    ]);
    expect(out.problems.map((p) => p.message).join(' ')).not.toMatch(/J06/);
  });

  it('corrects a date of service keyed wrong, and refuses one that would end before it starts', () => {
    expect(applyChanges(visit, { lines: [{ lineNumber: 2, serviceDateFrom: '2026-01-09', serviceDateTo: '2026-01-09' }] })).toMatchObject({
      ok: true,
      changed: ['lines[2].serviceDateFrom', 'lines[2].serviceDateTo'],
    });
    expect(applyChanges(visit, { lines: [{ lineNumber: 2, serviceDateFrom: '2026-01-11' }] })).toMatchObject({
      ok: false,
      problems: [{ path: 'changes.lines.0.serviceDateTo' }],
    });
  });

  it('a shorter diagnosis list must not leave an unchanged line pointing past it', () => {
    const twoDx = claim('PCN-AM2', danaCoverage, [line('99213', 9_000, { diagnosisPointers: [1, 2] })]);
    const out = applyChanges(twoDx, { diagnoses: [{ code: 'I10' }] });
    expect(out).toMatchObject({ ok: false, problems: [{ path: 'lines.1.diagnosisPointers' }] });
  });

  it('the contract refuses an empty change, unknown fields and fractional cents, naming each', () => {
    const parsed = amendClaimRequest.safeParse({
      claimId: visit.claimId,
      amendedBy: 'biller-1',
      reason: 'fix',
      changes: { lines: [{ lineNumber: 1, chargeCents: 10.5, placeOfService: '22' }] },
    });
    expect(parsed.success).toBe(false);
    expect(parsed.error!.issues.map((i) => i.path.join('.')).sort()).toEqual(['changes.lines.0', 'changes.lines.0.chargeCents']);
    expect(amendClaimRequest.safeParse({ claimId: visit.claimId, amendedBy: 'b', reason: 'fix', changes: {} }).success).toBe(false);
  });

  it('is allowed only while the payer does not have the claim', () => {
    const allowed = claimStatus.options.filter(isAmendable);
    expect(allowed).toEqual(['draft', 'scrubbed', 'rejected', 'paid', 'partially-paid', 'denied', 'corrected']);
  });

  it('property: the total is always the sum of the lines, and an applied change applied again changes nothing', () => {
    const change = fc.record(
      {
        lineNumber: fc.constantFrom(1, 2),
        chargeCents: fc.integer({ min: 0, max: 10_000_000 }),
        units: fc.integer({ min: 1, max: 20 }),
        modifiers: fc.constantFrom<string[]>([], ['25'], ['59', 'XS']),
      },
      { requiredKeys: ['lineNumber'] },
    );
    fc.assert(
      fc.property(fc.uniqueArray(change, { selector: (c) => c.lineNumber, minLength: 1, maxLength: 2 }), (lines) => {
        const changes: ClaimChanges = { lines };
        const once = applyChanges(visit, changes);
        if (!once.ok) return false;
        expect(once.claim.totalChargeCents).toBe(once.claim.lines.reduce((s, l) => s + l.chargeCents, 0));
        expect(applyChanges(once.claim, changes)).toEqual({ ok: true, claim: once.claim, changed: [] });
        return true;
      }),
    );
  });
});

describe('sending a claim back', () => {
  it('an adjudicated claim goes as a replacement of the payer’s number (frequency 7)', () => {
    expect(resubmissionOf({ ...visit, status: 'denied', payerClaimControlNumber: 'ICN-1' })).toMatchObject({
      frequencyCode: '7',
      originalPayerClaimNumber: 'ICN-1',
    });
  });

  it('an institutional claim’s type of bill ends in the frequency it goes back with', () => {
    const inpatient = {
      ...visit,
      claimType: '837I',
      institutional: { typeOfBill: '111', statementFrom: '2026-01-10', statementThrough: '2026-01-12' },
    } as const;
    expect(resubmissionOf({ ...inpatient, payerClaimControlNumber: 'ICN-2' }).institutional?.typeOfBill).toBe('117');
    expect(
      resubmissionOf({ ...inpatient, institutional: { ...inpatient.institutional, typeOfBill: '117' }, originalPayerClaimNumber: 'X' })
        .institutional?.typeOfBill,
    ).toBe('111');
  });

  it('a claim never adjudicated goes again as frequency 1, without a number to replace', () => {
    const again = resubmissionOf({ ...visit, status: 'rejected' });
    expect(again.frequencyCode).toBe('1');
    expect(again).not.toHaveProperty('originalPayerClaimNumber');
  });
});
