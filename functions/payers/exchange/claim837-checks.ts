/** What keeps claims' records from making a valid 837 batch: every issue as a field path, never a value. Pure. */
import { ExchangeInputError, isSafeId, quantity } from './common.ts';
import { casSegments } from './claim837-elements.ts';
import type { Claim837Input, Header837 } from './claim837-types.ts';

/** The issues that keep a claim's records from making a valid 837, as field paths (no values). */
function issuesOf(input: Claim837Input, path: string): string[] {
  const { claim, patient, coverage, billingProvider, payer } = input;
  const issues: string[] = [];
  const at = (field: string, problem: string): void => {
    issues.push(`${path}${field}: ${problem}`);
  };
  if (claim.payerId !== payer.payerId) at('payer', 'not the payer the claim is billed to');
  if (claim.coverageId !== coverage.coverageId || coverage.payerId !== claim.payerId)
    at('coverage', 'not the coverage the claim is billed to');
  if (claim.patientId !== patient.patientId || coverage.patientId !== patient.patientId)
    at('patient', 'not the patient of the claim and coverage');
  if (claim.billingProviderId !== billingProvider.providerId) at('billingProvider', "not the claim's billing provider");
  if (!billingProvider.organizationName && !billingProvider.lastName) at('billingProvider', 'an organization name or a last name');
  if (claim.renderingProviderId && !input.renderingProvider) at('renderingProvider', 'required: the claim names one');
  if (input.renderingProvider && claim.renderingProviderId !== input.renderingProvider.providerId)
    at('renderingProvider', "not the claim's rendering provider");
  if (claim.attendingProviderId && !input.attendingProvider) at('attendingProvider', 'required: the claim names one');
  if (
    input.attendingProvider &&
    claim.attendingProviderId !== undefined &&
    claim.attendingProviderId !== input.attendingProvider.providerId
  )
    at('attendingProvider', "not the claim's attending provider");
  for (const [field, p] of [
    ['renderingProvider', input.renderingProvider],
    ['attendingProvider', input.attendingProvider],
  ] as const) {
    if (p && !p.organizationName && !p.lastName) at(field, 'a last name (or an organization name)');
  }
  if ((claim.frequencyCode === '7' || claim.frequencyCode === '8') && !claim.originalPayerClaimNumber)
    at('claim.originalPayerClaimNumber', 'required for frequency 7 (replacement) or 8 (void)');
  if (claim.diagnoses.length === 0) at('claim.diagnoses', 'at least the principal diagnosis');
  const sum = claim.lines.reduce((s, l) => s + l.chargeCents, 0);
  if (sum !== claim.totalChargeCents) at('claim.totalChargeCents', 'the sum of the line charges');
  claim.lines.forEach((l, i) => {
    if (l.diagnosisPointers.some((p) => p > claim.diagnoses.length))
      at(`claim.lines[${i}].diagnosisPointers`, 'pointers to diagnoses on the claim');
    if (quantity(l.units) === undefined) at(`claim.lines[${i}].units`, 'a positive number');
    if (claim.claimType === '837P' && !l.procedureCode) at(`claim.lines[${i}].procedureCode`, 'required on an 837P line (SV101)');
    if (claim.claimType === '837I' && !l.revenueCode) at(`claim.lines[${i}].revenueCode`, 'required on an 837I line (SV201)');
  });
  if (claim.claimType === '837P' && claim.lines.length > 50) at('claim.lines', 'at most 50 lines on an 837P');
  if (claim.claimType === '837I') {
    if (!claim.institutional) at('claim.institutional', 'required on an 837I');
    else if (!claim.institutional.patientStatusCode) at('claim.institutional.patientStatusCode', 'required on an 837I (CL103)');
    if (!input.attendingProvider && !input.renderingProvider) at('attendingProvider', 'required on an 837I (2310A attending provider)');
  }
  if (coverage.relationshipToSubscriber !== 'self' && !coverage.subscriber)
    at('coverage.subscriber', 'required when the patient is not the subscriber');
  const prior = input.primaryAdjudication;
  if (coverage.priority === 'primary' && prior) at('primaryAdjudication', 'only for a secondary or tertiary coverage');
  if (coverage.priority !== 'primary' && !prior)
    at('primaryAdjudication', 'required for a secondary or tertiary claim (2320/2330 other payer)');
  if (prior) {
    if (prior.coverage.relationshipToSubscriber !== 'self' && !prior.coverage.subscriber)
      at('primaryAdjudication.coverage.subscriber', 'required when the patient is not the subscriber');
    if (!/^\d{4}-\d{2}-\d{2}$/.test(prior.adjudicatedDate)) at('primaryAdjudication.adjudicatedDate', 'an ISO date');
    if (prior.remittance === undefined && claim.priorPayerPaidCents === undefined)
      at('claim.priorPayerPaidCents', 'required without primaryAdjudication.remittance');
    if (prior.remittance && claim.priorPayerPaidCents !== undefined && prior.remittance.paidCents !== claim.priorPayerPaidCents)
      at('claim.priorPayerPaidCents', 'differs from primaryAdjudication.remittance.paidCents');
    if (prior.remittance && casSegments(prior.remittance.adjustments).length > 5)
      at('primaryAdjudication.remittance.adjustments', 'at most 5 CAS segments (six adjustments each, one group code each)');
    prior.remittance?.lines.forEach((l, i) => {
      if (casSegments(l.adjustments).length > 5)
        at(`primaryAdjudication.remittance.lines[${i}].adjustments`, 'at most 5 CAS segments (six adjustments each, one group code each)');
    });
  }
  return issues;
}

/** Throws {@link ExchangeInputError} naming every field at fault in the batch, or returns. */
export function checkAll(inputs: readonly Claim837Input[], header: Header837): void {
  const issues: string[] = [];
  if (inputs.length === 0) issues.push('claims: at least one claim');
  const payers = new Set(inputs.map((i) => i.payer.payerId));
  if (payers.size > 1) issues.push('claims: every claim of a batch goes to one payer');
  const pcns = new Set<string>();
  inputs.forEach((input, i) => {
    const path = inputs.length === 1 ? '' : `claims[${i}].`;
    issues.push(...issuesOf(input, path));
    if (pcns.has(input.claim.patientControlNumber)) issues.push(`${path}claim.patientControlNumber: unique within the batch`);
    pcns.add(input.claim.patientControlNumber);
  });
  const s = header.submitter;
  if (!s.contactPhone && !s.contactEmail) issues.push('submitter: a contact phone or email');
  if (s.contactPhone && !/^\d{10}$/.test(s.contactPhone)) issues.push('submitter.contactPhone: ten digits');
  if (!isSafeId(header.batchId, 50)) issues.push('batchId: 1-50 printable characters without X12 delimiters');
  if (issues.length) throw new ExchangeInputError(issues);
}
