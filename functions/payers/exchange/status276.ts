/**
 * Our records → a 276 claim status request (005010X212) for one or more claims to one payer.
 *
 * Each claim is asked about with TRN02 = its trace number (default: the patient control number),
 * REF*EJ = the patient control number, REF*1K = the payer's claim control number once known, REF*BLT =
 * the bill type on institutional claims, AMT*T3 = the total charge and DTP*472 = the service period.
 * As in the 837, the coverage's member id is the subscriber's; a dependent patient goes in 2000E.
 */
import { TS276, writeInterchange } from '#functions/x12/index.ts';
import type { ClaimStatus276, ControlNumberSource, Party, StatusPatient, StatusTracking } from '#functions/x12/index.ts';
import type { Claim } from '#schemas/claim.ts';
import type { Coverage } from '#schemas/coverage.ts';
import type { Patient } from '#schemas/patient.ts';
import type { PayerProfile } from '#schemas/payer-profile.ts';
import type { Provider } from '#schemas/provider.ts';
import { ExchangeInputError, informationReceiver, interchangeParties, isSafeId, period, person, stamp, x12Text, ymd } from './common.ts';
import type { Instant, InterchangeIds } from './common.ts';

/** One claim to ask about, with the records it was billed from. */
export interface ClaimStatusInput {
  claim: Claim;
  patient: Patient;
  coverage: Coverage;
  /** The provider that billed the claim (2100C). */
  provider: Provider;
  payer: PayerProfile;
  /** TRN02 (default: the patient control number). Not PHI; echoed in the 277. */
  traceNumber?: string;
}

/** The 276 header: who asks (2100B, our submitter id), BHT03 and the time. */
export interface Header276 {
  submitter: { name: string; id: string };
  /** BHT03: our id of the request (not PHI). */
  referenceId: string;
  now: Instant;
}

function tracking(input: ClaimStatusInput): StatusTracking {
  const { claim } = input;
  const references = [];
  if (claim.payerClaimControlNumber) references.push({ qualifier: '1K', value: claim.payerClaimControlNumber });
  if (claim.claimType === '837I' && claim.institutional)
    references.push({ qualifier: 'BLT', value: `${claim.institutional.typeOfBill.slice(0, 2)}${claim.frequencyCode}` });
  references.push({ qualifier: 'EJ', value: claim.patientControlNumber });
  const from = claim.lines.map((l) => l.serviceDateFrom).sort()[0] ?? claim.institutional?.statementFrom ?? '';
  const to =
    claim.lines
      .map((l) => l.serviceDateTo)
      .sort()
      .at(-1) ?? from;
  const p = period('472', from, to);
  return {
    traceType: '1',
    traceNumber: input.traceNumber ?? claim.patientControlNumber,
    references,
    amounts: [{ qualifier: 'T3', amountCents: claim.totalChargeCents }],
    // The guide asks for a range (RD8) even for one day.
    dates: [p.format === 'D8' ? { qualifier: '472', format: 'RD8', value: `${p.value}-${p.value}` } : p],
  };
}

function check(inputs: readonly ClaimStatusInput[], header: Header276): void {
  const issues: string[] = [];
  if (inputs.length === 0) issues.push('claims: at least one claim');
  if (new Set(inputs.map((i) => i.payer.payerId)).size > 1) issues.push('claims: every claim of a request goes to one payer');
  inputs.forEach((i, n) => {
    const at = inputs.length === 1 ? '' : `claims[${n}].`;
    if (i.claim.payerId !== i.payer.payerId) issues.push(`${at}payer: not the payer the claim is billed to`);
    if (i.claim.coverageId !== i.coverage.coverageId) issues.push(`${at}coverage: not the coverage the claim is billed to`);
    if (i.claim.patientId !== i.patient.patientId) issues.push(`${at}patient: not the claim's patient`);
    if (i.coverage.relationshipToSubscriber !== 'self' && !i.coverage.subscriber)
      issues.push(`${at}coverage.subscriber: required when the patient is not the subscriber`);
    if (i.traceNumber !== undefined && !isSafeId(i.traceNumber, 50))
      issues.push(`${at}traceNumber: 1-50 printable characters without X12 delimiters`);
    if (!i.provider.organizationName && !i.provider.lastName) issues.push(`${at}provider: an organization name or a last name`);
  });
  if (!isSafeId(header.referenceId, 50)) issues.push('referenceId: 1-50 printable characters without X12 delimiters');
  if (issues.length) throw new ExchangeInputError(issues);
}

/**
 * The engine's 276 model: claims grouped by billing provider (2000C) and subscriber (2000D), a
 * dependent patient's claims under 2000E. Each provider is named once (one 2100C of the two the
 * guide allows: its NPI identifies it). Throws {@link ExchangeInputError} naming the fields at fault.
 */
export function claimStatus276(inputs: readonly ClaimStatusInput[], header: Header276): ClaimStatus276 {
  check(inputs, header);
  const { date, time } = stamp(header.now);
  const payer = (inputs[0] as ClaimStatusInput).payer;
  const providers = new Map<string, { name: Party; subscribers: StatusPatient[]; byKey: Map<string, StatusPatient> }>();
  for (const input of inputs) {
    const p = input.provider;
    let prov = providers.get(p.npi);
    if (!prov) {
      const name: Party = informationReceiver(p);
      prov = { name, subscribers: [], byKey: new Map() };
      providers.set(p.npi, prov);
    }
    const c = input.coverage;
    const self = c.relationshipToSubscriber === 'self';
    const key = JSON.stringify([c.memberId, self ? input.patient.patientId : c.subscriber, self]);
    let sub = prov.byKey.get(key);
    if (!sub) {
      const s = self ? input.patient : (c.subscriber as NonNullable<Coverage['subscriber']>);
      sub = { levelCode: '22', name: { entityCode: 'IL', ...person(s), idQualifier: 'MI', id: c.memberId } };
      // DMG in 2000D only when the subscriber is the patient.
      if (self) sub.demographics = { format: 'D8', dateOfBirth: ymd(input.patient.dateOfBirth), gender: input.patient.sex };
      prov.byKey.set(key, sub);
      prov.subscribers.push(sub);
    }
    if (self) {
      sub.claims = [...(sub.claims ?? []), tracking(input)];
      continue;
    }
    const deps = sub.dependents ?? [];
    sub.dependents = deps;
    const name = person(input.patient);
    let dep = deps.find(
      (d) =>
        d.name.lastName === name.lastName &&
        d.name.firstName === name.firstName &&
        d.demographics?.dateOfBirth === ymd(input.patient.dateOfBirth),
    );
    if (!dep) {
      dep = { demographics: { format: 'D8', dateOfBirth: ymd(input.patient.dateOfBirth), gender: input.patient.sex }, name, claims: [] };
      deps.push(dep);
    }
    dep.claims = [...(dep.claims ?? []), tracking(input)];
  }
  return {
    beginning: { purposeCode: '13', referenceId: header.referenceId, date, time },
    sources: [
      {
        name: { entityCode: 'PR', entityType: '2', lastName: x12Text(payer.name, 60), idQualifier: 'PI', id: payer.payerId },
        receivers: [
          {
            name: {
              entityCode: '41',
              entityType: '2',
              lastName: x12Text(header.submitter.name, 60),
              idQualifier: '46',
              id: header.submitter.id,
            },
            providers: [...providers.values()].map((p) => ({ name: [p.name], subscribers: p.subscribers })),
          },
        ],
      },
    ],
  };
}

/**
 * Writes a 276 as one interchange, ready for the gateway's `claimStatus`. Throws
 * {@link ExchangeInputError} for unusable records, the engine's `X12Error` for a value that breaks the guide.
 */
export function write276(
  inputs: readonly ClaimStatusInput[],
  header: Header276 & { interchange: InterchangeIds },
  controls: ControlNumberSource,
): string {
  const model = claimStatus276(inputs, header);
  return writeInterchange(
    interchangeParties(header.interchange, header.now),
    [{ def: TS276, model: model as unknown as Record<string, unknown> }],
    controls,
  );
}
