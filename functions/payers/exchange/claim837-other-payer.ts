/** Loops 2320/2330 (the earlier payer and its adjudication of the claim) and 2430 (its adjudication of a line). Pure. */
import type { LineAdjudication837, OtherPayer837 } from '#functions/x12/index.ts';
import type { ClaimLine } from '#schemas/claim.ts';
import { person, quantity, x12Text, ymd } from './common.ts';
import { casSegments, modifiers, RELATIONSHIP_SBR, RESPONSIBILITY } from './claim837-elements.ts';
import type { Claim837Input, PrimaryAdjudication } from './claim837-types.ts';

/** 2320/2330: the earlier payer and its adjudication; 2430 line adjudications are added to the lines. */
export function otherPayer(input: Claim837Input, prior: PrimaryAdjudication): OtherPayer837 {
  const { claim, patient } = input;
  const c = prior.coverage;
  const paidCents = prior.remittance?.paidCents ?? claim.priorPayerPaidCents ?? 0;
  const out: OtherPayer837 = {
    payerResponsibility: RESPONSIBILITY[c.priority],
    relationshipCode: RELATIONSHIP_SBR[c.relationshipToSubscriber],
    claimFilingIndicator: prior.claimFilingIndicator ?? 'CI',
    amounts: [{ qualifier: 'D', amountCents: paidCents }],
    otherInsurance: { benefitsAssignment: 'Y', releaseOfInformation: 'Y' },
    subscriber: {
      ...person(c.relationshipToSubscriber === 'self' || !c.subscriber ? patient : c.subscriber),
      idQualifier: 'MI',
      id: c.memberId,
    },
    payer: { entityType: '2', lastName: x12Text(prior.payer.name, 60), idQualifier: 'PI', id: prior.payer.payerId },
  };
  if (c.groupNumber) out.groupNumber = c.groupNumber;
  const r = prior.remittance;
  if (r) {
    const cas = casSegments(r.adjustments);
    if (cas.length) out.adjustments = cas;
    // AMT*EAF remaining patient liability: every PR adjustment, claim and line level.
    const pr = [...r.adjustments, ...r.lines.flatMap((l) => l.adjustments)]
      .filter((a) => a.group === 'PR')
      .reduce((s, a) => s + a.amountCents, 0);
    out.amounts?.push({ qualifier: 'EAF', amountCents: pr });
  }
  // DTP*573 goes in 2330B only when no line carries its own adjudication (2430); see lineAdjudication.
  if (!claim.lines.some((l) => lineAdjudication(l, input, prior) !== undefined))
    out.payer.dates = [{ qualifier: '573', format: 'D8', value: ymd(prior.adjudicatedDate) }];
  return out;
}

/**
 * 2430 for one line: the earlier payer's SVC for the line with the same number. The 837P names the
 * adjudicated procedure (SVD03 required, SVD04 Not Used: X222A1), so a line without one gets no 2430;
 * the 837I names the line's revenue code (SVD04 required) and the procedure only when there is one
 * (SVD03 situational: X223A1), so a line billed on its revenue code alone carries its 2430 too, as a
 * secondary payer needs the primary's adjudication of every line.
 */
export function lineAdjudication(l: ClaimLine, input: Claim837Input, prior: PrimaryAdjudication): LineAdjudication837 | undefined {
  const remit = prior.remittance?.lines.find((x) => x.lineNumber === l.lineNumber);
  if (!remit) return undefined;
  const institutional = input.claim.claimType === '837I';
  const code = remit.procedureCode ?? l.procedureCode;
  if (institutional ? !l.revenueCode : !code) return undefined;
  const out: LineAdjudication837 = {
    otherPayerId: prior.payer.payerId,
    paidCents: remit.paidCents,
    paidUnits: quantity(remit.units ?? l.units) ?? '1',
    dates: [{ qualifier: '573', format: 'D8', value: ymd(prior.adjudicatedDate) }],
  };
  if (code) out.procedure = { qualifier: 'HC', code, ...modifiers(remit.procedureCode ? remit.modifiers : l.modifiers) };
  if (institutional) out.revenueCode = l.revenueCode;
  const cas = casSegments(remit.adjustments);
  if (cas.length) out.adjustments = cas;
  return out;
}
