/**
 * Fixture records for the exchange tests: fictional patients, coverages, providers and claims, shaped
 * as our stored records (schemas/). Member-id prefixes pick the sandbox payer's scenarios (FULL, STD,
 * SEC, NF, TERM...; see functions/payers/sandbox/README.md).
 */
import { claimSchema } from '#schemas/claim.ts';
import type { Claim, ClaimLine } from '#schemas/claim.ts';
import { coverageSchema } from '#schemas/coverage.ts';
import type { Coverage } from '#schemas/coverage.ts';
import { patientSchema } from '#schemas/patient.ts';
import type { Patient } from '#schemas/patient.ts';
import type { PayerProfile } from '#schemas/payer-profile.ts';
import { providerSchema } from '#schemas/provider.ts';
import type { Provider } from '#schemas/provider.ts';
import { payerProfileOf, SANDBOX_COMMERCIAL, SANDBOX_SECONDARY } from '#functions/payers/sandbox/profiles.ts';
import { remittanceClaimOf } from '#functions/payers/exchange/index.ts';
import type { Batch837Parties, Claim837Input } from '#functions/payers/exchange/index.ts';

/** The sandbox's commercial primary and secondary plans as our payer profiles. */
export const COMMERCIAL: PayerProfile = payerProfileOf(SANDBOX_COMMERCIAL, '837P');
export const SECONDARY: PayerProfile = payerProfileOf(SANDBOX_SECONDARY, '837P');

/** The hospital (billing provider); NPI 1234567893 has a valid check digit. */
export const hospital: Provider = providerSchema.parse({
  providerId: 'PRV-HOSP',
  npi: '1234567893',
  taxonomyCode: '282N00000X',
  taxId: '371234567',
  organizationName: 'Example General Hospital',
  address: { line1: '100 Main Street', city: 'Springfield', state: 'IL', postalCode: '627010001' },
});

/** A physician who renders and attends. */
export const doctor: Provider = providerSchema.parse({
  providerId: 'PRV-DOC',
  npi: '1999999984',
  taxonomyCode: '207Q00000X',
  taxId: '371234568',
  firstName: 'Alex',
  lastName: 'Rendermann',
  address: { line1: '100 Main Street', city: 'Springfield', state: 'IL', postalCode: '627010001' },
});

/** A physician newly hired: the sandbox commercial payer has not enrolled this NPI yet (its 277CA rejects A7:562). */
export const newDoctor: Provider = providerSchema.parse({
  providerId: 'PRV-NEWDOC',
  npi: '1555555550',
  taxonomyCode: '207Q00000X',
  taxId: '371234569',
  firstName: 'Sam',
  lastName: 'Newhire',
  address: { line1: '100 Main Street', city: 'Springfield', state: 'IL', postalCode: '627010001' },
});

/** A patient; the id, names and birth date are overridable so each scenario has its own person. */
export function patient(id: string, overrides: Partial<Patient> = {}): Patient {
  return patientSchema.parse({
    patientId: id,
    mrn: `MRN-${id}`,
    firstName: 'Jordan',
    lastName: 'Fixture',
    dateOfBirth: '1979-04-12',
    sex: 'F',
    address: { line1: '12 Elm Street', city: 'Springfield', state: 'IL', postalCode: '62704' },
    accountId: `ACC-${id}`,
    ...overrides,
  });
}

/** A coverage held by the patient (self) unless a subscriber and relationship are given. */
export function coverage(p: Patient, memberId: string, overrides: Partial<Coverage> = {}): Coverage {
  return coverageSchema.parse({
    coverageId: `COV-${p.patientId.slice(4)}-${overrides.priority ?? 'primary'}`,
    patientId: p.patientId,
    payerId: COMMERCIAL.payerId,
    memberId,
    groupNumber: 'GRP-7001',
    relationshipToSubscriber: 'self',
    priority: 'primary',
    effectiveDate: '2024-01-01',
    ...overrides,
  });
}

/** A professional line on 2026-01-10. */
export function line(procedureCode: string, chargeCents: number, extra: Partial<ClaimLine> = {}): ClaimLine {
  return {
    lineNumber: 1,
    procedureCode,
    modifiers: [],
    diagnosisPointers: [1],
    units: 1,
    placeOfService: '11',
    serviceDateFrom: '2026-01-10',
    serviceDateTo: '2026-01-10',
    chargeCents,
    ...extra,
  };
}

/** A claim for the coverage; line numbers and the total are filled in. */
export function claim(pcn: string, cov: Coverage, lines: ClaimLine[], overrides: Partial<Claim> = {}): Claim {
  const numbered = lines.map((l, i) => ({ ...l, lineNumber: i + 1 }));
  return claimSchema.parse({
    claimId: `CLM-${pcn}`,
    accountId: `ACC-${cov.patientId}`,
    patientId: cov.patientId,
    coverageId: cov.coverageId,
    payerId: cov.payerId,
    claimType: '837P',
    patientControlNumber: pcn,
    frequencyCode: '1',
    status: 'scrubbed',
    billingProviderId: hospital.providerId,
    renderingProviderId: doctor.providerId,
    diagnoses: [{ code: 'J06.9' }, { code: 'R50.9' }],
    lines: numbered,
    totalChargeCents: numbered.reduce((s, l) => s + l.chargeCents, 0),
    createdAt: '2026-01-11T08:00:00Z',
    ...overrides,
  });
}

/** The claim's records as the 837 builder takes them (payer by the coverage). */
export function records(c: Claim, p: Patient, cov: Coverage, extra: Partial<Claim837Input> = {}): Claim837Input {
  return {
    claim: c,
    patient: p,
    coverage: cov,
    billingProvider: hospital,
    renderingProvider: doctor,
    payer: cov.payerId === SECONDARY.payerId ? SECONDARY : COMMERCIAL,
    ...extra,
  };
}

// The people of the scenarios.

/** Dana is her own subscriber, fully covered (FULL): paid at the allowed amount. */
export const dana = patient('PAT-1001', { firstName: 'Dana', lastName: 'Selfridge', dateOfBirth: '1981-06-30' });
export const danaCoverage = coverage(dana, 'FULL10001');

/** Casey (a child) is covered on a parent's plan (standard cost share). */
export const casey = patient('PAT-1002', { firstName: 'Casey', lastName: 'Parental', dateOfBirth: '2015-09-03', sex: 'M' });
export const caseyCoverage = coverage(casey, 'STD20002', {
  relationshipToSubscriber: 'child',
  subscriber: { firstName: 'Robin', lastName: 'Parental', dateOfBirth: '1984-02-17', sex: 'F' },
});

/** Morgan has a primary (standard) and a secondary coverage. */
export const morgan = patient('PAT-1003', { firstName: 'Morgan', lastName: 'Twoplans', dateOfBirth: '1970-11-21', sex: 'M' });
export const morganPrimary = coverage(morgan, 'STD30003');
export const morganSecondary = coverage(morgan, 'SEC30003', {
  payerId: SECONDARY.payerId,
  priority: 'secondary',
  groupNumber: 'GRP-SEC-9',
});

/** Nico's member id is unknown to the payer (NF): rejected at the front door. */
export const nico = patient('PAT-1004', { firstName: 'Nico', lastName: 'Unknownson', dateOfBirth: '1990-01-01' });
export const nicoCoverage = coverage(nico, 'NF40004');

/** Terry's coverage was terminated (TERM). */
export const terry = patient('PAT-1005', { firstName: 'Terry', lastName: 'Endedplan', dateOfBirth: '1966-05-05' });
export const terryCoverage = coverage(terry, 'TERM50005');

/** Ines is an outpatient at the hospital: an institutional (837I) claim. */
export const ines = patient('PAT-1006', { firstName: 'Inès', lastName: 'Outpatient', dateOfBirth: '1958-12-24' });
export const inesCoverage = coverage(ines, 'FULL60006');

/** An outpatient emergency visit on an 837I: ER visit with its HCPCS, lab by revenue code. */
export function institutionalClaim(pcn: string, cov: Coverage): Claim {
  return claim(
    pcn,
    cov,
    [
      { ...line('99284', 95000), revenueCode: '0450', placeOfService: undefined },
      {
        lineNumber: 2,
        modifiers: [],
        diagnosisPointers: [],
        units: 3,
        serviceDateFrom: '2026-01-10',
        serviceDateTo: '2026-01-10',
        chargeCents: 12000,
        revenueCode: '0300',
      },
    ],
    {
      claimType: '837I',
      renderingProviderId: undefined,
      attendingProviderId: doctor.providerId,
      diagnoses: [{ code: 'R07.9', presentOnAdmission: 'Y' }, { code: 'I10' }],
      institutional: {
        typeOfBill: '131',
        statementFrom: '2026-01-10',
        statementThrough: '2026-01-10',
        admissionTypeCode: '1',
        patientStatusCode: '01',
      },
    },
  );
}

/** Our submitter and the sandbox as receiver, test usage. */
export function parties(batchId: string, now: string): Batch837Parties {
  return {
    submitter: {
      name: 'Example Hospital Billing',
      id: 'SUB12345',
      contactName: 'Billing Office',
      contactPhone: '5555550100',
      contactEmail: 'billing@example.org',
    },
    receiver: { name: 'Sandbox Clearinghouse', id: 'SANDBOXPAYER' },
    interchange: { senderId: 'RCMSUBMITTER', receiverId: 'SANDBOXPAYER', usageIndicator: 'T' },
    batchId,
    now,
  };
}

/** A claim of an 835 as the posting side stores it (schemas/remittance.ts): production code, re-exported for the tests. */
export { remittanceClaimOf };

/** Strings that would be PHI if they leaked into a result: names, member ids, birth dates, addresses. */
export function phiOf(...people: { p: Patient; c: Coverage }[]): string[] {
  return people.flatMap(({ p, c }) => [
    p.firstName,
    p.lastName,
    p.firstName.toUpperCase(),
    p.lastName.toUpperCase(),
    c.memberId,
    p.mrn,
    p.dateOfBirth,
    p.dateOfBirth.replaceAll('-', ''),
    p.address.line1.toUpperCase(),
    p.address.line1,
    ...(c.subscriber
      ? [c.subscriber.lastName.toUpperCase(), c.subscriber.firstName.toUpperCase(), c.subscriber.dateOfBirth.replaceAll('-', '')]
      : []),
  ]);
}
