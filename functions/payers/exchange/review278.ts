/**
 * Our records → a 278 prior authorization request (005010X217) for one patient's services with one payer.
 *
 * Choices: the payer is the UMO (2010A NM1*X3, PI); the requester (2010B) is the provider asking,
 * by NPI; a patient who is not the subscriber is the 2000D dependent (with INS). The patient event
 * (2000E) carries UM*HS*I (health services review, initial), the span asked for (DTP*AAH, RD8), the
 * diagnoses (HI, ABK then ABF) and one 2000F service per procedure code with its units (SV1, UN).
 * TRN02 and BHT03 are our trace number (the authorization id: not PHI), echoed in the response.
 */
import { TS278, writeInterchange } from '#functions/x12/index.ts';
import type { ControlNumberSource, PatientEvent278, Review278Document, Service278 } from '#functions/x12/index.ts';
import type { Coverage } from '#schemas/coverage.ts';
import type { Patient } from '#schemas/patient.ts';
import type { PayerProfile } from '#schemas/payer-profile.ts';
import type { Provider } from '#schemas/provider.ts';
import {
  ExchangeInputError,
  interchangeParties,
  isSafeId,
  INS_RELATIONSHIP,
  informationReceiver,
  memberIssues,
  person,
  quantity,
  stamp,
  x12Text,
  ymd,
} from './common.ts';
import type { Instant, InterchangeIds } from './common.ts';

/** One service asked for: a procedure code and its units. */
export interface ReviewService {
  procedureCode: string;
  units: number;
}

/** What a 278 request is built from. */
export interface Review278Input {
  patient: Patient;
  coverage: Coverage;
  /** The provider asking (2010B requester). */
  provider: Provider;
  payer: PayerProfile;
  /** UM03 service type (default `1`, medical care). */
  serviceTypeCode?: string;
  /** UM04 place of service (CMS code, e.g. `11` office, `22` outpatient hospital). */
  placeOfService?: string;
  services: readonly ReviewService[];
  /** ICD-10-CM codes without the dot, principal first. */
  diagnosisCodes?: readonly string[];
  /** The span asked for, ISO dates. */
  validFrom: string;
  validThrough: string;
  /** TRN02 and BHT03: our id for the request (1-50 characters, not PHI). */
  traceNumber: string;
  /** UM02: `I` initial (default), `R` renewal, `S` revised. */
  certificationType?: 'I' | 'R' | 'S';
}

function check(input: Review278Input): void {
  const issues = memberIssues(input);
  if (input.services.length === 0 || input.services.length > 50) issues.push('services: 1-50 services');
  input.services.forEach((s, i) => {
    if (!/^[0-9A-Z]{5}$/.test(s.procedureCode)) issues.push(`services[${i}].procedureCode: a CPT or HCPCS code`);
    if (!(s.units > 0) || quantity(s.units) === undefined) issues.push(`services[${i}].units: a positive number`);
  });
  if ((input.diagnosisCodes ?? []).length > 12 || (input.diagnosisCodes ?? []).some((d) => !/^[A-Z0-9]{3,7}$/.test(d)))
    issues.push('diagnosisCodes: up to 12 ICD-10-CM codes without the dot');
  if (input.serviceTypeCode !== undefined && !/^[0-9A-Z]{1,2}$/.test(input.serviceTypeCode))
    issues.push('serviceTypeCode: 1-2 letters or digits');
  if (input.placeOfService !== undefined && !/^\d{2}$/.test(input.placeOfService)) issues.push('placeOfService: two digits');
  if (
    !/^\d{4}-\d{2}-\d{2}$/.test(input.validFrom) ||
    !/^\d{4}-\d{2}-\d{2}$/.test(input.validThrough) ||
    input.validThrough < input.validFrom
  )
    issues.push('validFrom, validThrough: ISO dates, the second not before the first');
  if (!isSafeId(input.traceNumber, 50)) issues.push('traceNumber: 1-50 printable characters without X12 delimiters');
  if (!input.provider.organizationName && !input.provider.lastName) issues.push('provider: an organization name or a last name');
  if (issues.length) throw new ExchangeInputError(issues);
}

function patientEvent(input: Review278Input, span: string): PatientEvent278 {
  const serviceType = input.serviceTypeCode ?? '1';
  const certificationType = input.certificationType ?? 'I';
  const event: PatientEvent278 = {
    traces: [{ traceType: '1', traceNumber: input.traceNumber, originatorId: `1${input.provider.taxId}` }],
    review: {
      requestCategory: 'HS',
      certificationType,
      serviceType,
      ...(input.placeOfService ? { facility: { code: input.placeOfService, qualifier: 'B' } } : {}),
    },
    dates: [{ qualifier: 'AAH', format: 'RD8', value: span }],
  };
  const dx = input.diagnosisCodes ?? [];
  if (dx.length > 0)
    event.diagnoses = Object.fromEntries(dx.map((code, i) => [`code${i + 1}`, { qualifier: i === 0 ? 'ABK' : 'ABF', code }]));
  event.services = input.services.map((s): Service278 => ({
    review: { requestCategory: 'HS', certificationType, serviceType },
    dates: [{ qualifier: '472', format: 'RD8', value: span }],
    professional: { procedure: { qualifier: 'HC', code: s.procedureCode }, unitBasis: 'UN', quantity: quantity(s.units) as string },
  }));
  return event;
}

/** The engine's 278 request model for one patient. Throws {@link ExchangeInputError} naming the fields at fault. */
export function review278(input: Review278Input, now: Instant): Review278Document {
  check(input);
  const { patient, coverage, provider, payer } = input;
  const { date, time } = stamp(now);
  const span = `${ymd(input.validFrom)}-${ymd(input.validThrough)}`;
  const event = patientEvent(input, span);
  const patientDemographics = { format: 'D8', dateOfBirth: ymd(patient.dateOfBirth), gender: patient.sex };
  let subscriber: NonNullable<NonNullable<Review278Document['umo']['requester']>['subscriber']>;
  if (coverage.relationshipToSubscriber === 'self') {
    subscriber = {
      member: { ...person(patient), idQualifier: 'MI', id: coverage.memberId, demographics: patientDemographics },
      event,
    };
  } else {
    const s = coverage.subscriber as NonNullable<Coverage['subscriber']>;
    subscriber = {
      member: { ...person(s), idQualifier: 'MI', id: coverage.memberId },
      dependent: {
        member: {
          ...person(patient),
          demographics: patientDemographics,
          memberRelationship: { insuredIndicator: 'N', relationshipCode: INS_RELATIONSHIP[coverage.relationshipToSubscriber] },
        },
        event,
      },
    };
  }
  const requester = informationReceiver(provider);
  return {
    beginning: { purposeCode: '13', referenceId: input.traceNumber, date, time },
    umo: {
      name: { entityType: '2', lastName: x12Text(payer.name, 60), idQualifier: 'PI', id: payer.payerId },
      requester: { name: requester, subscriber },
    },
  };
}

/**
 * Writes a 278 request for one patient as one interchange, ready for the gateway's `requestAuthorization`.
 * Throws {@link ExchangeInputError} for unusable records, the engine's `X12Error` for a value that breaks the guide.
 */
export function write278(
  input: Review278Input,
  envelope: { interchange: InterchangeIds; now: Instant },
  controls: ControlNumberSource,
): string {
  const model = review278(input, envelope.now);
  return writeInterchange(
    interchangeParties(envelope.interchange, envelope.now),
    [{ def: TS278, model: model as unknown as Record<string, unknown> }],
    controls,
  );
}
