/**
 * The demo's claims: fictional patients whose member ids pick the sandbox payer's scenarios (see
 * functions/payers/sandbox/README.md), a hospital, its physician and the payer's profile. Dates are
 * relative to the demo's day so claims are always inside the filing limit.
 */
import { payerProfileOf, SANDBOX_COMMERCIAL } from '#functions/payers/sandbox/profiles.ts';
import type { Claim, ClaimLine } from '#schemas/claim.ts';
import type { Coverage } from '#schemas/coverage.ts';
import type { Patient } from '#schemas/patient.ts';
import type { PayerProfile } from '#schemas/payer-profile.ts';
import type { Provider } from '#schemas/provider.ts';

export const demoPayer: PayerProfile = payerProfileOf(SANDBOX_COMMERCIAL, '837P');

export const demoHospital: Provider = {
  providerId: 'PRV-HOSP',
  npi: '1234567893',
  taxonomyCode: '282N00000X',
  taxId: '371234567',
  organizationName: 'Example General Hospital',
  address: { line1: '100 Main Street', city: 'Springfield', state: 'IL', postalCode: '627010001' },
};
export const demoPhysician: Provider = {
  providerId: 'PRV-DOC',
  npi: '1999999984',
  taxonomyCode: '207Q00000X',
  taxId: '371234568',
  firstName: 'Alex',
  lastName: 'Example',
  address: { line1: '100 Main Street', city: 'Springfield', state: 'IL', postalCode: '627010001' },
};

export interface DemoPerson {
  patient: Patient;
  coverage: Coverage;
  /** What the sandbox payer will do, in a clerk's words. */
  story: string;
  /** The visit billed, if any. */
  lines?: Omit<
    ClaimLine,
    'lineNumber' | 'serviceDateFrom' | 'serviceDateTo' | 'diagnosisPointers' | 'modifiers' | 'units' | 'placeOfService'
  >[];
  diagnoses?: string[];
  /** The status inquiry's phase after the payment cycle. */
  expectedPhase?: string;
  /** Our claim's status once the 999, 277CA and 835 are applied. */
  expectedStatus?: string;
  /** How its ClaimLifecycle execution ends: SUCCEEDED, or the Claim.* error a person works. */
  expectedLifecycle?: string;
  /** The member id the clerk finds on the card when the claim is held for eligibility. */
  correctedMemberId?: string;
  /** What the biller decides on the claim's denial. */
  denialDecision?: 'write-off';
}

function person(n: number, firstName: string, memberId: string, story: string, extra: Partial<DemoPerson> = {}): DemoPerson {
  const patientId = `PAT-DEMO-${n}`;
  return {
    patient: {
      patientId,
      mrn: `MRN-DEMO-${n}`,
      firstName,
      lastName: 'Demo',
      dateOfBirth: '1980-01-01',
      sex: 'F',
      address: { line1: `${n} Demo Street`, city: 'Springfield', state: 'IL', postalCode: '62704' },
      accountId: `ACC-DEMO-${n}`,
    },
    coverage: {
      coverageId: `COV-DEMO-${n}`,
      patientId,
      payerId: demoPayer.payerId,
      memberId,
      groupNumber: 'GRP-7001',
      relationshipToSubscriber: 'self',
      priority: 'primary',
      effectiveDate: '2024-01-01',
    },
    story,
    ...extra,
  };
}

export const demoPeople: readonly DemoPerson[] = [
  person(1, 'Dana', 'FULL10001', 'fully covered: paid at the allowed amount', {
    lines: [{ procedureCode: '99213', chargeCents: 12_500 }],
    diagnoses: ['J06.9'],
    expectedPhase: 'finalized',
    expectedStatus: 'paid',
    expectedLifecycle: 'SUCCEEDED',
  }),
  person(2, 'Sam', 'STD10002', 'standard plan: deductible, coinsurance and copay are the patient’s', {
    lines: [
      { procedureCode: '99214', chargeCents: 21_000 },
      { procedureCode: '85025', chargeCents: 2_400 },
    ],
    diagnoses: ['E11.9'],
    expectedPhase: 'finalized',
    expectedStatus: 'paid',
    expectedLifecycle: 'SUCCEEDED',
  }),
  person(3, 'Kim', 'COPAY10003', 'ECG interpretation billed with the ECG: bundled (CO-97); the biller writes it off', {
    lines: [
      { procedureCode: '93000', chargeCents: 6_000 },
      { procedureCode: '93010', chargeCents: 2_500 },
    ],
    diagnoses: ['I10'],
    denialDecision: 'write-off',
    expectedPhase: 'finalized',
    expectedStatus: 'closed',
    expectedLifecycle: 'SUCCEEDED',
  }),
  person(4, 'Nico', 'NF10004', 'member id unknown to the payer: held; the clerk corrects it from the card and resumes: paid', {
    lines: [{ procedureCode: '99213', chargeCents: 12_500 }],
    diagnoses: ['J06.9'],
    correctedMemberId: 'FULL10004',
    expectedPhase: 'finalized',
    expectedStatus: 'paid',
    expectedLifecycle: 'SUCCEEDED',
  }),
  person(5, 'Bea', 'BUSY10005', 'eligibility only: the payer rate-limits the first inquiry, the workflow retries'),
];

/** The claim for a person's visit `daysAgo` days before `today` (YYYY-MM-DD), as a draft. */
export function demoClaim(p: DemoPerson, today: string, createdAt: string, daysAgo = 5): Claim {
  const date = new Date(Date.parse(`${today}T00:00:00Z`) - daysAgo * 86_400_000).toISOString().slice(0, 10);
  const n = p.patient.patientId.split('-').pop()!;
  const lines: ClaimLine[] = (p.lines ?? []).map((l, i) => ({
    ...l,
    lineNumber: i + 1,
    modifiers: [],
    diagnosisPointers: [1],
    units: 1,
    placeOfService: '11',
    serviceDateFrom: date,
    serviceDateTo: date,
  }));
  return {
    claimId: `CLM-DEMO-${n}`,
    accountId: p.patient.accountId,
    patientId: p.patient.patientId,
    coverageId: p.coverage.coverageId,
    payerId: p.coverage.payerId,
    claimType: '837P',
    patientControlNumber: `PCN-DEMO-${n}`,
    frequencyCode: '1',
    status: 'draft',
    billingProviderId: demoHospital.providerId,
    renderingProviderId: demoPhysician.providerId,
    diagnoses: (p.diagnoses ?? []).map((code) => ({ code })),
    lines,
    totalChargeCents: lines.reduce((s, l) => s + l.chargeCents, 0),
    createdAt,
  };
}
