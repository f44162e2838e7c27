/**
 * Our records → a 270 eligibility inquiry (005010X279A1) for one patient's coverage with one payer.
 *
 * Choices: the coverage's `memberId` is the subscriber's id; a patient who is not the subscriber is
 * asked about in the 2000D dependent loop (the guide's path when the dependent has no id of their own),
 * with INS02 `01` spouse, `19` child, `34` other adult. TRN03 (originator) is `1` + the provider's
 * EIN, as the guide suggests. The date asked about (DTP*291) is the planned date of service. The
 * guide's DMG03 is F or M: an unknown sex (`U`) leaves DMG03 out.
 */
import { TS270, writeInterchange } from '#functions/x12/index.ts';
import { SERVICE_TYPES_271 } from '#functions/x12/definitions/ts271-codes.ts';
import type { ControlNumberSource, Demographics, Eligibility27x, Subscriber27x } from '#functions/x12/index.ts';
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
  stamp,
  x12Text,
  ymd,
} from './common.ts';
import type { Instant, InterchangeIds } from './common.ts';

/** What a 270 is built from. */
export interface Eligibility270Input {
  patient: Patient;
  coverage: Coverage;
  /** The provider asking (2100B information receiver): usually the billing provider. */
  provider: Provider;
  payer: PayerProfile;
  /** EQ01 service types (default `['30']`, health benefit plan coverage). */
  serviceTypeCodes?: readonly string[];
  /** The date asked about (DTP*291), ISO `YYYY-MM-DD`: the planned date of service. */
  date: string;
  /**
   * TRN02 and BHT03: our id for this inquiry, echoed in the 271. Not PHI (a request or claim id);
   * 1-50 characters.
   */
  traceNumber: string;
}

const SERVICE_CODES: ReadonlySet<string> = new Set(SERVICE_TYPES_271);

/** DMG of a member: date of birth, and the sex when known (X279A1's DMG03 has no U). */
function demographics(person: { dateOfBirth: string; sex: 'F' | 'M' | 'U' }): Demographics {
  return { format: 'D8', dateOfBirth: ymd(person.dateOfBirth), ...(person.sex === 'U' ? {} : { gender: person.sex }) };
}

function check(input: Eligibility270Input): void {
  const issues = memberIssues(input);
  const types = input.serviceTypeCodes ?? ['30'];
  if (types.length === 0 || types.length > 99 || types.some((t) => !SERVICE_CODES.has(t)))
    issues.push('serviceTypeCodes: 1-99 service type codes of X279A1');
  if (!/^\d{4}-\d{2}-\d{2}$/.test(input.date)) issues.push('date: an ISO date');
  if (!isSafeId(input.traceNumber, 50)) issues.push('traceNumber: 1-50 printable characters without X12 delimiters');
  if (!input.provider.organizationName && !input.provider.lastName) issues.push('provider: an organization name or a last name');
  if (issues.length) throw new ExchangeInputError(issues);
}

/**
 * The engine's 270 model for one patient. Throws {@link ExchangeInputError} naming the fields at fault.
 */
export function eligibility270(input: Eligibility270Input, now: Instant): Eligibility27x {
  check(input);
  const { patient, coverage, provider, payer } = input;
  const { date, time } = stamp(now);
  const inquiries = [{ serviceTypes: [...(input.serviceTypeCodes ?? ['30'])] }];
  const dates = [{ qualifier: '291', format: 'D8', value: ymd(input.date) }];
  const traces = [{ traceType: '1', traceNumber: input.traceNumber, originatorId: `1${provider.taxId}` }];
  let subscriber: Subscriber27x;
  if (coverage.relationshipToSubscriber === 'self') {
    subscriber = {
      traces,
      member: {
        ...person(patient),
        idQualifier: 'MI',
        id: coverage.memberId,
        demographics: demographics(patient),
        dates,
        inquiries,
      },
    };
  } else {
    const s = coverage.subscriber as NonNullable<Coverage['subscriber']>;
    subscriber = {
      member: {
        ...person(s),
        idQualifier: 'MI',
        id: coverage.memberId,
        demographics: demographics(s),
      },
      dependents: [
        {
          traces,
          member: {
            ...person(patient),
            demographics: demographics(patient),
            memberRelationship: { insuredIndicator: 'N', relationshipCode: INS_RELATIONSHIP[coverage.relationshipToSubscriber] },
            dates,
            inquiries,
          },
        },
      ],
    };
  }
  const receiver = informationReceiver(provider);
  return {
    beginning: { purposeCode: '13', referenceId: input.traceNumber, date, time },
    sources: [
      {
        source: { entityCode: 'PR', entityType: '2', lastName: x12Text(payer.name, 60), idQualifier: 'PI', id: payer.payerId },
        receivers: [{ receiver, subscribers: [subscriber] }],
      },
    ],
  };
}

/**
 * Writes a 270 for one patient as one interchange, ready for the gateway's `checkEligibility`.
 * Throws {@link ExchangeInputError} for unusable records, the engine's `X12Error` for a value that
 * breaks the guide.
 */
export function write270(
  input: Eligibility270Input,
  envelope: { interchange: InterchangeIds; now: Instant },
  controls: ControlNumberSource,
): string {
  const model = eligibility270(input, envelope.now);
  return writeInterchange(
    interchangeParties(envelope.interchange, envelope.now),
    [{ def: TS270, model: model as unknown as Record<string, unknown> }],
    controls,
  );
}
