/** Builds the original claim for one coverage from an encounter's captured charges. */
import type { Claim } from '#schemas/claim.ts';
import type { Coverage } from '#schemas/coverage.ts';
import type { Encounter } from '#schemas/encounter.ts';
import type { PayerProfile } from '#schemas/payer-profile.ts';

export interface ClaimFromEncounterInput {
  readonly encounter: Encounter;
  readonly coverage: Coverage;
  readonly payerProfile: PayerProfile;
  readonly claimId: string;
  readonly patientControlNumber: string;
  readonly billingProviderId: string;
  readonly createdAt: string;
  /** What earlier payers paid, when billing secondary or tertiary coverage. */
  readonly priorPayerPaidCents?: number;
}

/** Type of bill (without the leading 0) for an institutional original claim: inpatient 111, outpatient 131. */
function typeOfBill(encounter: Encounter): string {
  return encounter.encounterType === 'inpatient' ? '111' : '131';
}

/**
 * Maps charges to claim lines (numbered in capture order) and picks 837P or 837I from the payer
 * profile. Everything it cannot know (e.g. admission type) is left for the scrubber to flag.
 */
export function claimFromEncounter(input: ClaimFromEncounterInput): Claim {
  const { encounter, coverage, payerProfile } = input;
  const institutional = payerProfile.claimType === '837I';
  const lines = encounter.charges.map((charge, i) => ({
    lineNumber: i + 1,
    procedureCode: charge.procedureCode,
    modifiers: [...charge.modifiers],
    diagnosisPointers: [...charge.diagnosisPointers],
    units: charge.units,
    ...(institutional ? {} : { placeOfService: charge.placeOfService }),
    serviceDateFrom: charge.serviceDateFrom,
    serviceDateTo: charge.serviceDateTo,
    chargeCents: charge.chargeCents,
    ...(charge.revenueCode ? { revenueCode: charge.revenueCode } : {}),
  }));
  const from = lines.map((l) => l.serviceDateFrom).sort()[0] ?? '';
  const through =
    lines
      .map((l) => l.serviceDateTo)
      .sort()
      .at(-1) ?? '';
  return {
    claimId: input.claimId,
    accountId: encounter.accountId,
    patientId: encounter.patientId,
    encounterId: encounter.encounterId,
    coverageId: coverage.coverageId,
    payerId: coverage.payerId,
    claimType: payerProfile.claimType,
    patientControlNumber: input.patientControlNumber,
    frequencyCode: '1',
    status: 'draft',
    billingProviderId: input.billingProviderId,
    renderingProviderId: encounter.renderingProviderId,
    ...(encounter.attendingProviderId ? { attendingProviderId: encounter.attendingProviderId } : {}),
    diagnoses: encounter.diagnoses.map((d) => ({ ...d })),
    lines,
    totalChargeCents: lines.reduce((sum, l) => sum + l.chargeCents, 0),
    ...(input.priorPayerPaidCents !== undefined ? { priorPayerPaidCents: input.priorPayerPaidCents } : {}),
    ...(institutional
      ? {
          institutional: {
            typeOfBill: typeOfBill(encounter),
            statementFrom: encounter.admissionDate ?? from,
            statementThrough: encounter.dischargeDate ?? through,
            ...(encounter.encounterType === 'inpatient' && encounter.admissionDate ? { admissionDate: encounter.admissionDate } : {}),
            // An outpatient visit ends with the patient going home: NUBC 01 (routine discharge), which
            // X223A2 asks of every claim (CL103). An inpatient's discharge status is left to the scrubber.
            ...(encounter.encounterType === 'inpatient' ? {} : { patientStatusCode: '01' }),
          },
        }
      : {}),
    createdAt: input.createdAt,
  };
}
