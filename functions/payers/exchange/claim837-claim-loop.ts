/** Loop 2300: one claim (CLM, dates, CL1, references, HI) with its 2310 providers, 2320 other payer and 2400 lines. Pure. */
import type { Claim837, DatePeriod, Party, Reference } from '#functions/x12/index.ts';
import type { Claim, ClaimLine } from '#schemas/claim.ts';
import { authorizationNumbersByLine } from '#schemas/authorization.ts';
import { ymd } from './common.ts';
import { providerParty } from './claim837-elements.ts';
import { otherPayer } from './claim837-other-payer.ts';
import { serviceLines } from './claim837-service-lines.ts';
import type { Claim837Input } from './claim837-types.ts';

/** A diagnosis code as HI carries it: no decimal point. */
const icd = (code: string): string => code.replace('.', '').toUpperCase();

/** The most frequent line place of service (first seen wins ties), else `11` (office). */
function claimPlaceOfService(lines: readonly ClaimLine[]): string {
  const counts = new Map<string, number>();
  for (const l of lines) if (l.placeOfService) counts.set(l.placeOfService, (counts.get(l.placeOfService) ?? 0) + 1);
  let best = '11';
  let n = 0;
  for (const [pos, c] of counts)
    if (c > n) {
      best = pos;
      n = c;
    }
  return best;
}

/** The 2300 claim loop (with its 2310 providers, 2320 other payer and 2400 lines) for one claim. */
export function claimLoop(input: Claim837Input): Claim837 {
  const { claim, patient } = input;
  const professional = claim.claimType === '837P';
  const claimPos = claimPlaceOfService(claim.lines);
  const inst = claim.institutional;
  const out: Claim837 = {
    patientControlNumber: claim.patientControlNumber,
    totalChargeCents: claim.totalChargeCents,
    facility: professional
      ? { placeOfService: claimPos, qualifier: 'B', frequencyCode: claim.frequencyCode }
      : { facilityTypeCode: (inst?.typeOfBill ?? '13').slice(0, 2), qualifier: 'A', frequencyCode: claim.frequencyCode },
    assignmentParticipation: 'A',
    benefitsAssignment: 'Y',
    releaseOfInformation: 'Y',
    serviceLines: [],
  };
  // CLM06 is required on the 837P only: signature on file.
  if (professional) out.providerSignature = 'Y';
  if (!professional && inst) {
    const dates: DatePeriod[] = [{ qualifier: '434', format: 'RD8', value: `${ymd(inst.statementFrom)}-${ymd(inst.statementThrough)}` }];
    if (inst.admissionDate) dates.unshift({ qualifier: '435', format: 'D8', value: ymd(inst.admissionDate) });
    out.dates = dates;
    const cl1: NonNullable<Claim837['institutional']> = {};
    if (inst.admissionTypeCode) cl1.admissionTypeCode = inst.admissionTypeCode;
    if (inst.patientStatusCode) cl1.patientStatusCode = inst.patientStatusCode;
    if (Object.keys(cl1).length) out.institutional = cl1;
  }
  const references: Reference[] = [];
  if (claim.frequencyCode !== '1' && claim.originalPayerClaimNumber)
    references.push({ qualifier: 'F8', value: claim.originalPayerClaimNumber });
  const lineAuths = authorizationNumbersByLine(input.authorizations ?? [], claim);
  const authNumbers = new Set(lineAuths.values());
  if (authNumbers.size === 1) references.push({ qualifier: 'G1', value: [...authNumbers][0] as string });
  references.push({ qualifier: 'EA', value: patient.mrn });
  out.references = references;
  // HI: 837P one segment with up to 12 codes; 837I the principal (ABK) alone, then the others (ABF),
  // with the present-on-admission indicator when known.
  const code = (
    qualifier: string,
    d: Claim['diagnoses'][number],
  ): { code: { qualifier: string; code: string; presentOnAdmission?: string } } => {
    const c: { qualifier: string; code: string; presentOnAdmission?: string } = { qualifier, code: icd(d.code) };
    // 1 (exempt from POA reporting) is written as no indicator: X223A2 has no code for it.
    if (!professional && d.presentOnAdmission && d.presentOnAdmission !== '1') c.presentOnAdmission = d.presentOnAdmission;
    return { code: c };
  };
  const [principal, ...others] = claim.diagnoses;
  if (principal) {
    out.healthCareCodes = professional
      ? [{ codes: [code('ABK', principal), ...others.map((d) => code('ABF', d))] }]
      : [{ codes: [code('ABK', principal)] }, ...(others.length ? [{ codes: others.map((d) => code('ABF', d)) }] : [])];
  }
  const providers: Party[] = [];
  if (professional) {
    // 2310B rendering: only when it is not the billing provider.
    const r = input.renderingProvider;
    if (r && r.npi !== input.billingProvider.npi) providers.push(providerParty('82', r, 'PE'));
  } else {
    // 2310A attending (required); without one, the rendering provider attends. 2310D rendering when
    // different, named and identified only: X223A2's 2310D has no PRV.
    const attending = input.attendingProvider ?? input.renderingProvider;
    if (attending) providers.push(providerParty('71', attending, 'AT'));
    const r = input.renderingProvider;
    if (r && attending && r.npi !== attending.npi) {
      const { provider: _taxonomy, ...rendering } = providerParty('82', r, 'PE');
      providers.push(rendering);
    }
  }
  if (providers.length) out.providers = providers;
  if (input.primaryAdjudication) out.otherSubscribers = [otherPayer(input, input.primaryAdjudication)];
  // Several authorizations go on their lines (REF*G1 in 2400) on the 837P only: X223A2's 2400 has no G1,
  // and its 2300 takes one. The scrubber holds an 837I with several (AUTHORIZATIONS_SEVERAL_837I).
  out.serviceLines = serviceLines(input, claimPos, professional && authNumbers.size > 1 ? lineAuths : undefined);
  return out;
}
