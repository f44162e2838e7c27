/**
 * The demo's claims: fictional patients whose member ids pick the sandbox payer's scenarios (see
 * functions/payers/sandbox/README.md), a hospital, its physician and the payer's profile. Dates are
 * relative to the demo's day so claims are always inside the filing limit.
 */
import { payerProfileOf, SANDBOX_COMMERCIAL, SANDBOX_SECONDARY } from '#functions/payers/sandbox/profiles.ts';
import type { Authorization } from '#schemas/authorization.ts';
import type { ClaimChanges } from '#schemas/claim-amendment.ts';
import type { Claim, ClaimLine } from '#schemas/claim.ts';
import type { Coverage } from '#schemas/coverage.ts';
import type { Encounter } from '#schemas/encounter.ts';
import type { Patient } from '#schemas/patient.ts';
import type { PayerProfile } from '#schemas/payer-profile.ts';
import type { Provider } from '#schemas/provider.ts';

/** The hospital's profile of the commercial payer: balances of $10.00 or less left by a denial are written off by policy. */
export const demoPayer: PayerProfile = { ...payerProfileOf(SANDBOX_COMMERCIAL, '837P'), smallBalanceWriteOffCents: 1_000 };
export const demoSecondaryPayer: PayerProfile = payerProfileOf(SANDBOX_SECONDARY, '837P');

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
/** A physician hired last month: the commercial payer has not finished enrolling this NPI (its 277CA rejects A7:562). */
export const demoNewPhysician: Provider = {
  providerId: 'PRV-NEWDOC',
  npi: '1555555550',
  taxonomyCode: '207Q00000X',
  taxId: '371234569',
  firstName: 'Sam',
  lastName: 'Newhire',
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
  /** What the biller decides on the claim's denial: write it off, correct the claim (with `amendment`) or appeal it. */
  denialDecision?: 'write-off' | 'correct' | 'appeal';
  /** What the appeals nurse decides on the drafted appeal packet. */
  appealDecision?: 'approve' | 'reject';
  /** The fix a person makes through AmendClaim before a correction or a resubmission. */
  amendment?: ClaimChanges;
  /** The claim's rendering physician, when not the usual one. */
  renderingProviderId?: string;
  /** A modifier billed on the first line. */
  firstLineModifiers?: string[];
  /** The authorization the clerk asks the payer for (RequestAuthorization, a 278) when the scrubber holds the claim for a missing one. */
  authorizationObtained?: Omit<Authorization, 'patientId' | 'payerId'>;
  /** A secondary coverage (its member id at the secondary payer). */
  secondaryMemberId?: string;
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
  person(1, 'Dana', 'FULL10001', 'fully covered: paid at the allowed amount, nothing left to anyone: closed', {
    lines: [{ procedureCode: '99213', chargeCents: 12_500 }],
    diagnoses: ['J06.9'],
    expectedPhase: 'finalized',
    expectedStatus: 'closed',
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
    expectedStatus: 'closed',
    expectedLifecycle: 'SUCCEEDED',
  }),
  person(5, 'Bea', 'BUSY10005', 'eligibility only: the payer rate-limits the first inquiry, the workflow retries'),
  person(6, 'Lee', 'COPAY10006', 'visit billed with LT (CO-4); the biller removes the modifier and sends a replacement (7, REF*F8): paid', {
    lines: [{ procedureCode: '99213', chargeCents: 12_500 }],
    firstLineModifiers: ['LT'],
    diagnoses: ['J06.9'],
    denialDecision: 'correct',
    amendment: { lines: [{ lineNumber: 1, modifiers: [] }] },
    expectedStatus: 'paid',
    expectedLifecycle: 'SUCCEEDED',
  }),
  person(
    7,
    'Ana',
    'COPAY10007',
    'therapy without a musculoskeletal diagnosis (CO-50); appealed with the records, approved, overturned: paid',
    {
      lines: [
        { procedureCode: '99213', chargeCents: 15_000 },
        { procedureCode: '97110', chargeCents: 8_000 },
      ],
      diagnoses: ['I10'],
      denialDecision: 'appeal',
      appealDecision: 'approve',
      expectedStatus: 'paid',
      expectedLifecycle: 'SUCCEEDED',
    },
  ),
  person(8, 'Cleo', 'COPAY10008', 'the same CO-50; the appeals nurse rejects the packet (the records do not support it): written off', {
    lines: [
      { procedureCode: '99213', chargeCents: 15_000 },
      { procedureCode: '97110', chargeCents: 8_000 },
    ],
    diagnoses: ['I10'],
    denialDecision: 'appeal',
    appealDecision: 'reject',
    expectedStatus: 'closed',
    expectedLifecycle: 'SUCCEEDED',
  }),
  person(
    9,
    'Robin',
    'FULL10009',
    'lumbar MRI with no authorization on file: held before it is sent; the clerk asks the payer (278) and resumes: paid',
    {
      lines: [{ procedureCode: '72148', chargeCents: 120_000 }],
      diagnoses: ['M54.50'],
      authorizationObtained: {
        authorizationId: 'AUTH-DEMO-9',
        authorizationNumber: 'PA0009',
        status: 'approved',
        procedureCodes: ['72148'],
        validFrom: '2025-01-01',
        validThrough: '2027-12-31',
      },
      expectedStatus: 'closed',
      expectedLifecycle: 'SUCCEEDED',
    },
  ),
  person(
    10,
    'Rae',
    'FULL10010',
    'rendered by a physician the payer has not enrolled (277CA A7:562); moved to the enrolled one, resubmitted: paid',
    {
      lines: [{ procedureCode: '99213', chargeCents: 12_500 }],
      diagnoses: ['J06.9'],
      renderingProviderId: demoNewPhysician.providerId,
      amendment: { renderingProviderId: demoPhysician.providerId },
      expectedStatus: 'closed',
      expectedLifecycle: 'SUCCEEDED',
    },
  ),
  person(
    11,
    'Max',
    'COPAY10011',
    'two plans: the primary leaves copay and coinsurance, billed to the secondary on its own claim (2320/2430)',
    {
      lines: [
        { procedureCode: '99213', chargeCents: 12_000 },
        { procedureCode: '36415', chargeCents: 1_500 },
      ],
      diagnoses: ['J06.9'],
      secondaryMemberId: 'SEC10011',
      expectedStatus: 'paid',
      expectedLifecycle: 'SUCCEEDED',
    },
  ),
];

/** The secondary coverage of a person who has one. */
export function secondaryCoverage(p: DemoPerson): Coverage | undefined {
  if (!p.secondaryMemberId) return undefined;
  return {
    ...p.coverage,
    coverageId: `${p.coverage.coverageId}-SEC`,
    payerId: demoSecondaryPayer.payerId,
    memberId: p.secondaryMemberId,
    groupNumber: 'GRP-SEC-9',
    priority: 'secondary',
  };
}

/**
 * The person's visit `daysAgo` days before `today` as the registration desk captures it: the encounter
 * with its charges. Charge capture (CaptureEncounter) builds from it the claim {@link demoClaim} shows,
 * `CLM-<encounterId>`.
 */
export function demoEncounter(p: DemoPerson, today: string, daysAgo = 5): Encounter {
  const claim = demoClaim(p, today, `${today}T00:00:00.000Z`, daysAgo);
  return {
    encounterId: claim.claimId.replace(/^CLM-/, ''),
    patientId: claim.patientId,
    accountId: claim.accountId,
    encounterType: 'professional',
    renderingProviderId: claim.renderingProviderId!,
    diagnoses: claim.diagnoses,
    charges: claim.lines.map((l) => ({
      chargeId: `CHG-${l.lineNumber}`,
      procedureCode: l.procedureCode!,
      modifiers: l.modifiers,
      diagnosisPointers: l.diagnosisPointers,
      units: l.units,
      placeOfService: l.placeOfService!,
      serviceDateFrom: l.serviceDateFrom,
      serviceDateTo: l.serviceDateTo,
      chargeCents: l.chargeCents,
    })),
  };
}

/** The claim for a person's visit `daysAgo` days before `today` (YYYY-MM-DD), as a draft. */
export function demoClaim(p: DemoPerson, today: string, createdAt: string, daysAgo = 5): Claim {
  const date = new Date(Date.parse(`${today}T00:00:00Z`) - daysAgo * 86_400_000).toISOString().slice(0, 10);
  const n = p.patient.patientId.split('-').pop()!;
  const lines: ClaimLine[] = (p.lines ?? []).map((l, i) => ({
    ...l,
    lineNumber: i + 1,
    modifiers: i === 0 ? (p.firstLineModifiers ?? []) : [],
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
    renderingProviderId: p.renderingProviderId ?? demoPhysician.providerId,
    diagnoses: (p.diagnoses ?? []).map((code) => ({ code })),
    lines,
    totalChargeCents: lines.reduce((s, l) => s + l.chargeCents, 0),
    createdAt,
  };
}

const practiceVisits: readonly { lines: NonNullable<DemoPerson['lines']>; diagnoses: string[]; story: string }[] = [
  { lines: [{ procedureCode: '99213', chargeCents: 12_500 }], diagnoses: ['J06.9'], story: 'office visit' },
  {
    lines: [
      { procedureCode: '99214', chargeCents: 21_000 },
      { procedureCode: '85025', chargeCents: 2_400 },
    ],
    diagnoses: ['E11.9'],
    story: 'visit with a blood count',
  },
  { lines: [{ procedureCode: '99212', chargeCents: 8_000 }], diagnoses: ['R05.1'], story: 'short visit' },
  {
    lines: [
      { procedureCode: '93000', chargeCents: 6_000 },
      { procedureCode: '93010', chargeCents: 900 },
    ],
    diagnoses: ['I10'],
    story: 'ECG with its interpretation billed apart (CO-97, $9.00): written off by the small-balance policy',
  },
];
const practiceMembers = ['FULL', 'COPAY', 'STD', 'DED'] as const;

/**
 * The practice's everyday volume: `count` more patients, each with one visit, over the plans and visits
 * above (member ids pick the sandbox's plans), so the demo runs a realistic day of claims beside the story.
 */
export function practicePeople(count: number): DemoPerson[] {
  return Array.from({ length: count }, (_, i) => {
    const n = 1000 + i;
    const visit = practiceVisits[i % practiceVisits.length]!;
    const plan = practiceMembers[Math.floor(i / practiceVisits.length) % practiceMembers.length]!;
    return person(n, `Practice${n}`, `${plan}${20000 + n}`, visit.story, {
      lines: visit.lines,
      diagnoses: visit.diagnoses,
      expectedLifecycle: 'SUCCEEDED',
    });
  });
}
