/**
 * The 837's hierarchy: 2000A billing provider, 2000B subscriber and 2000C patient loops, and the claims
 * of one claim type placed in them. Pure.
 */
import type { BillingProvider837, Claim837, Party, Patient837, Subscriber837 } from '#functions/x12/index.ts';
import type { Coverage } from '#schemas/coverage.ts';
import type { Provider } from '#schemas/provider.ts';
import { person, providerName, x12Text, ymd } from './common.ts';
import { claimLoop } from './claim837-claim-loop.ts';
import { addressOf, RELATIONSHIP_SBR, RESPONSIBILITY } from './claim837-elements.ts';
import type { Claim837Input } from './claim837-types.ts';

function billingKey(p: Provider): string {
  return JSON.stringify([p.npi, p.taxId, p.taxonomyCode, p.organizationName, p.lastName, p.firstName, p.address]);
}

function billingLoop(p: Provider): BillingProvider837 {
  return {
    provider: { providerCode: 'BI', referenceQualifier: 'PXC', taxonomyCode: p.taxonomyCode },
    billingProvider: {
      ...providerName(p),
      idQualifier: 'XX',
      id: p.npi,
      ...addressOf(p.address),
      references: [{ qualifier: 'EI', value: p.taxId }],
    },
    subscribers: [],
  };
}

function subscriberKey(input: Claim837Input): string {
  const c = input.coverage;
  return JSON.stringify([
    c.payerId,
    c.priority,
    c.memberId,
    c.groupNumber,
    c.relationshipToSubscriber === 'self' ? input.patient.patientId : c.subscriber,
    input.claimFilingIndicator ?? 'CI',
    c.relationshipToSubscriber === 'self',
  ]);
}

/** The 2000B subscriber loop without claims: the patient when `self`, else the subscriber of the coverage. */
function subscriberLoop(input: Claim837Input): Subscriber837 {
  const { coverage: c, patient, payer } = input;
  const self = c.relationshipToSubscriber === 'self';
  const insurance: Subscriber837['insurance'] = {
    payerResponsibility: RESPONSIBILITY[c.priority],
    claimFilingIndicator: input.claimFilingIndicator ?? 'CI',
  };
  // SBR02 only when the subscriber is the patient.
  if (self) insurance.relationshipCode = '18';
  if (c.groupNumber) insurance.groupNumber = c.groupNumber;
  const payerParty: Party = { entityType: '2', lastName: x12Text(payer.name, 60), idQualifier: 'PI', id: payer.payerId };
  if (self) {
    return {
      insurance,
      subscriber: {
        ...person(patient),
        idQualifier: 'MI',
        id: c.memberId,
        ...addressOf(patient.address),
        demographics: { format: 'D8', dateOfBirth: ymd(patient.dateOfBirth), gender: patient.sex },
      },
      payer: payerParty,
      claims: [],
    };
  }
  // The subscriber is not the patient: name and id only (N3/N4 and DMG are sent only for a patient).
  const s = c.subscriber as NonNullable<Coverage['subscriber']>;
  return { insurance, subscriber: { ...person(s), idQualifier: 'MI', id: c.memberId }, payer: payerParty, patients: [] };
}

function patientLoop(input: Claim837Input): Patient837 {
  const { patient, coverage } = input;
  return {
    patientInfo: { relationshipCode: RELATIONSHIP_SBR[coverage.relationshipToSubscriber] },
    patient: {
      ...person(patient),
      ...addressOf(patient.address),
      demographics: { format: 'D8', dateOfBirth: ymd(patient.dateOfBirth), gender: patient.sex },
    },
    claims: [],
  };
}

/** The engine's limit on claims per subscriber or patient loop (2300 max use). */
const CLAIMS_PER_LOOP = 100;

/** A 2000B loop being filled, with its 2000C patients by our patient id. */
interface SubscriberGroup {
  loop: Subscriber837;
  patients: Map<string, Patient837>;
}

/**
 * The 2000A billing provider loops for claims of one claim type: one per billing provider, one 2000B
 * subscriber loop per subscriber (a subscriber's own claims and their dependents' claims in separate
 * loops, a new one when a loop is full) and one 2000C loop per dependent patient. Claims keep their
 * input order within their loops.
 */
export function billingProviderLoops(inputs: readonly Claim837Input[]): BillingProvider837[] {
  const billing = new Map<string, { loop: BillingProvider837; subscribers: Map<string, SubscriberGroup> }>();
  for (const input of inputs) {
    const bk = billingKey(input.billingProvider);
    let b = billing.get(bk);
    if (!b) {
      b = { loop: billingLoop(input.billingProvider), subscribers: new Map() };
      billing.set(bk, b);
    }
    const sk = subscriberKey(input);
    let sub = b.subscribers.get(sk);
    const claim = claimLoop(input);
    const full = (claims: readonly Claim837[] | undefined): boolean => (claims?.length ?? 0) >= CLAIMS_PER_LOOP;
    if (input.coverage.relationshipToSubscriber === 'self') {
      // A new 2000B loop when the current one holds as many claims as a loop may.
      if (!sub || full(sub.loop.claims)) {
        sub = { loop: subscriberLoop(input), patients: new Map() };
        b.subscribers.set(sk, sub);
        b.loop.subscribers.push(sub.loop);
      }
      sub.loop.claims?.push(claim);
      continue;
    }
    const patientId = input.patient.patientId;
    if (!sub || full(sub.patients.get(patientId)?.claims)) {
      sub = { loop: subscriberLoop(input), patients: new Map() };
      b.subscribers.set(sk, sub);
      b.loop.subscribers.push(sub.loop);
    }
    let p = sub.patients.get(patientId);
    if (!p) {
      p = patientLoop(input);
      sub.patients.set(patientId, p);
      sub.loop.patients?.push(p);
    }
    p.claims.push(claim);
  }
  return [...billing.values()].map((b) => b.loop);
}
