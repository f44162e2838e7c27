/**
 * Our stored records (schemas/) → the X12 engine's 837 model, 837P (005010X222A1) or 837I
 * (005010X223A2), and a batch of such claims for one payer → one interchange.
 *
 * Choices where our contracts lack something the guides want (each is also noted where it is made):
 * - CLM06 provider signature `Y`, CLM07 assignment `A`, CLM08 benefits assignment `Y`, CLM09 release
 *   `Y`, OI (2320) likewise: the hospital keeps signature, assignment and release on file at registration.
 * - SBR09 claim filing indicator: `claimFilingIndicator` on the input, default `CI` (commercial).
 * - 837P CLM05-1 place of service: the most frequent line place of service, `11` (office) when no line
 *   has one; SV105 is sent only on lines that differ (the guide's rule).
 * - 837I CLM05-1 facility type: the first two digits of `institutional.typeOfBill`; CLM05-3 is always
 *   `claim.frequencyCode` (the contract's field governs even if the bill type's third digit differs).
 * - 837I admission date (DTP*435) is sent as `D8`: the contract holds no admission hour.
 * - The coverage's `memberId` is taken as the subscriber's id (NM1*IL); a patient who is not the
 *   subscriber goes in the 2000C patient loop. Payers that issue dependents their own ids should have
 *   the dependent recorded as `self` on their own coverage.
 * - REF*6R (line item control number) is the line number, so that the 835 SVC lines map back to our lines.
 * - REF*EA carries the medical record number (situational: lets the payer's record requests name the chart).
 * - Lines: unit basis `UN`, except 837I accommodation revenue codes (0100-0219), which count days (`DA`).
 * - 2330B NM109 (the payer id) is `PayerProfile.payerId`: our payer ids are the ones the clearinghouse routes on.
 */
import { TS837I, TS837P, writeInterchange } from '#functions/x12/index.ts';
import type {
  AdjustmentGroup,
  Claim837,
  ClaimDocument837,
  ControlNumberSource,
  DatePeriod,
  OtherPayer837,
  Party,
  Reference,
  ServiceLine837,
  Subscriber837,
  TransactionSetDef,
  BillingProvider837,
  Patient837,
  LineAdjudication837,
} from '#functions/x12/index.ts';
import type { Adjustment } from '#schemas/adjustment.ts';
import type { Authorization } from '#schemas/authorization.ts';
import type { Claim, ClaimLine } from '#schemas/claim.ts';
import type { Coverage } from '#schemas/coverage.ts';
import type { Patient } from '#schemas/patient.ts';
import type { PayerProfile } from '#schemas/payer-profile.ts';
import type { Provider } from '#schemas/provider.ts';
import type { RemittanceClaim } from '#schemas/remittance.ts';
import { ExchangeInputError, interchangeParties, isSafeId, period, quantity, recordingControls, stamp, x12Text, ymd } from './common.ts';
import type { Instant, InterchangeIds } from './common.ts';

/** The 1000A submitter: our organisation as the clearinghouse knows it (ETIN), with a contact. */
export interface Submitter837 {
  name: string;
  /** Submitter id (ETIN) assigned by the receiver. */
  id: string;
  contactName: string;
  /** Ten digits. At least one of phone and email is required. */
  contactPhone?: string;
  contactEmail?: string;
}

/** The 1000B receiver: the clearinghouse or payer the 837 is sent to. */
export interface Receiver837 {
  name: string;
  id: string;
}

/**
 * What the earlier payer decided on this claim, for a secondary or tertiary claim (837 loops
 * 2320/2330/2430). Amounts are integer cents.
 */
export interface PrimaryAdjudication {
  /** The payer that adjudicated first (2330B). */
  payer: Pick<PayerProfile, 'payerId' | 'name'>;
  /** The patient's coverage with that payer: member id, group and subscriber (2320 SBR, 2330A). */
  coverage: Coverage;
  /** When that payer adjudicated: the 835's payment date (ISO `YYYY-MM-DD`; DTP*573). */
  adjudicatedDate: string;
  /**
   * That payer's 835 claim (CLP/CAS/SVC) as posted: claim-level adjustments go to 2320 CAS, lines
   * (matched on `lineNumber`) to 2430 SVD/CAS. Without it, only the paid amount is sent
   * (`claim.priorPayerPaidCents`).
   */
  remittance?: Pick<RemittanceClaim, 'paidCents' | 'adjustments' | 'lines'>;
  /** SBR09 of that payer (default `CI`). */
  claimFilingIndicator?: string;
}

/** Everything one claim's 837 is built from: our records, as stored. */
export interface Claim837Input {
  claim: Claim;
  patient: Patient;
  /** The coverage billed (its priority gives SBR01). */
  coverage: Coverage;
  billingProvider: Provider;
  /** Required when the claim names one (`claim.renderingProviderId`). */
  renderingProvider?: Provider;
  /** Required on an 837I (2310A); required when the claim names one. */
  attendingProvider?: Provider;
  payer: PayerProfile;
  /** Required when the coverage billed is secondary or tertiary. */
  primaryAdjudication?: PrimaryAdjudication;
  /**
   * The patient's authorizations with this payer; approved ones covering a line's code and date are
   * billed as REF*G1 (at claim level when one number covers every matched line, else per line).
   */
  authorizations?: readonly Authorization[];
  /** SBR09 claim filing indicator (default `CI`, commercial insurance). */
  claimFilingIndicator?: string;
}

/** The header of the 837 transaction sets of a batch. */
export interface Header837 {
  submitter: Submitter837;
  receiver: Receiver837;
  /** BHT03: our id of the batch (1-50 characters, not PHI); receivers echo it. */
  batchId: string;
  /** BHT04/BHT05 (UTC). */
  now: Instant;
}

/** The header plus the interchange ids, for {@link write837Batch}. */
export interface Batch837Parties extends Header837 {
  interchange: InterchangeIds;
}

/** One 837 transaction set of a batch: its model and the claims it carries. */
export interface Document837 {
  claimType: '837P' | '837I';
  def: TransactionSetDef;
  document: ClaimDocument837;
  patientControlNumbers: string[];
}

/** One interchange of 837s and the control numbers that the 999 and 277CA will refer to. No PHI apart from `x12`. */
export interface Written837Batch {
  /** The interchange: PHI, write it, never log it. */
  x12: string;
  payerId: string;
  /** ISA13, nine digits. */
  interchangeControlNumber: string;
  claimCount: number;
  totalChargeCents: number;
  /** One per transaction set (837P and 837I go in separate functional groups). */
  transactionSets: { claimType: '837P' | '837I'; groupControlNumber: string; controlNumber: string; patientControlNumbers: string[] }[];
}

const RELATIONSHIP_SBR: Readonly<Record<Coverage['relationshipToSubscriber'], string>> = {
  self: '18',
  spouse: '01',
  child: '19',
  other: 'G8',
};
const RESPONSIBILITY: Readonly<Record<Coverage['priority'], 'P' | 'S' | 'T'>> = { primary: 'P', secondary: 'S', tertiary: 'T' };

/** Name of a provider as an NM1: organisation when it has an organisation name, else a person. */
function providerName(p: Provider): Pick<Party, 'entityType' | 'lastName' | 'firstName'> {
  if (p.organizationName) return { entityType: '2', lastName: x12Text(p.organizationName, 60) };
  const out: Pick<Party, 'entityType' | 'lastName' | 'firstName'> = { entityType: '1', lastName: x12Text(p.lastName ?? '', 60) };
  if (p.firstName) out.firstName = x12Text(p.firstName, 35);
  return out;
}

function person(name: {
  lastName: string;
  firstName?: string;
  middleName?: string;
}): Pick<Party, 'entityType' | 'lastName' | 'firstName' | 'middleName'> {
  const out: Pick<Party, 'entityType' | 'lastName' | 'firstName' | 'middleName'> = {
    entityType: '1',
    lastName: x12Text(name.lastName, 60),
  };
  if (name.firstName) out.firstName = x12Text(name.firstName, 35);
  if (name.middleName) out.middleName = x12Text(name.middleName, 25);
  return out;
}

function addressOf(a: Patient['address']): Pick<Party, 'address' | 'city'> {
  const address: NonNullable<Party['address']> = { line1: x12Text(a.line1, 55) };
  if (a.line2 && x12Text(a.line2, 55)) address.line2 = x12Text(a.line2, 55);
  return { address, city: { city: x12Text(a.city, 30), state: a.state, postalCode: a.postalCode } };
}

/** A diagnosis code as HI carries it: no decimal point. */
const icd = (code: string): string => code.replace('.', '').toUpperCase();

function modifiers(list: readonly string[]): { modifier1?: string; modifier2?: string; modifier3?: string; modifier4?: string } {
  const [m1, m2, m3, m4] = list;
  return {
    ...(m1 ? { modifier1: m1 } : {}),
    ...(m2 ? { modifier2: m2 } : {}),
    ...(m3 ? { modifier3: m3 } : {}),
    ...(m4 ? { modifier4: m4 } : {}),
  };
}

/** CAS segments from adjustments: grouped by group code in first-seen order, at most six per segment. */
function casSegments(adjustments: readonly Adjustment[]): AdjustmentGroup[] {
  const byGroup = new Map<string, Adjustment[]>();
  for (const a of adjustments) byGroup.set(a.group, [...(byGroup.get(a.group) ?? []), a]);
  const out: AdjustmentGroup[] = [];
  for (const [groupCode, list] of byGroup) {
    for (let i = 0; i < list.length; i += 6) {
      out.push({
        groupCode,
        adjustments: list.slice(i, i + 6).map((a) => {
          const q = a.quantity !== undefined ? quantity(a.quantity) : undefined;
          return q
            ? { reasonCode: a.reasonCode, amountCents: a.amountCents, quantity: q }
            : { reasonCode: a.reasonCode, amountCents: a.amountCents };
        }),
      });
    }
  }
  return out;
}

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

/** Accommodation revenue codes (room and board, 0100-0219) are billed in days. */
const isAccommodation = (revenueCode: string): boolean => /^0(1\d\d|20\d|21\d)$/.test(revenueCode);

/** Approved authorization numbers per line number, for the lines an authorization covers. */
function authorizationsByLine(input: Claim837Input): Map<number, string> {
  const out = new Map<number, string>();
  const approved = (input.authorizations ?? []).filter(
    (a) => a.status === 'approved' && a.payerId === input.claim.payerId && a.patientId === input.claim.patientId,
  );
  for (const l of input.claim.lines) {
    const code = l.procedureCode;
    if (!code) continue;
    const a = approved.find(
      (x) => x.procedureCodes.includes(code) && x.validFrom <= l.serviceDateFrom && l.serviceDateTo <= x.validThrough,
    );
    if (a) out.set(l.lineNumber, a.authorizationNumber);
  }
  return out;
}

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

/** 2320/2330: the earlier payer and its adjudication; 2430 line adjudications are added to the lines. */
function otherPayer(input: Claim837Input, prior: PrimaryAdjudication): OtherPayer837 {
  const { claim, patient } = input;
  const c = prior.coverage;
  const paidCents = prior.remittance?.paidCents ?? claim.priorPayerPaidCents ?? 0;
  const out: OtherPayer837 = {
    payerResponsibility: RESPONSIBILITY[c.priority],
    relationshipCode: RELATIONSHIP_SBR[c.relationshipToSubscriber],
    claimFilingIndicator: prior.claimFilingIndicator ?? 'CI',
    amounts: [{ qualifier: 'D', amountCents: paidCents }],
    otherInsurance: { benefitsAssignment: 'Y', releaseOfInformation: 'Y' },
    subscriber: {
      ...person(c.relationshipToSubscriber === 'self' || !c.subscriber ? patient : c.subscriber),
      idQualifier: 'MI',
      id: c.memberId,
    },
    payer: { entityType: '2', lastName: x12Text(prior.payer.name, 60), idQualifier: 'PI', id: prior.payer.payerId },
  };
  if (c.groupNumber) out.groupNumber = c.groupNumber;
  const r = prior.remittance;
  if (r) {
    const cas = casSegments(r.adjustments);
    if (cas.length) out.adjustments = cas;
    // AMT*EAF remaining patient liability: every PR adjustment, claim and line level.
    const pr = [...r.adjustments, ...r.lines.flatMap((l) => l.adjustments)]
      .filter((a) => a.group === 'PR')
      .reduce((s, a) => s + a.amountCents, 0);
    out.amounts?.push({ qualifier: 'EAF', amountCents: pr });
  }
  // DTP*573 goes in 2330B only when no line carries its own adjudication (2430); see lineAdjudication.
  if (!claim.lines.some((l) => lineAdjudication(l, input, prior) !== undefined))
    out.payer.dates = [{ qualifier: '573', format: 'D8', value: ymd(prior.adjudicatedDate) }];
  return out;
}

/** 2430 for one line: the earlier payer's SVC for the line with the same number, when it names a procedure. */
function lineAdjudication(l: ClaimLine, input: Claim837Input, prior: PrimaryAdjudication): LineAdjudication837 | undefined {
  const remit = prior.remittance?.lines.find((x) => x.lineNumber === l.lineNumber);
  if (!remit) return undefined;
  const code = remit.procedureCode ?? l.procedureCode;
  // SVD03 needs a procedure code; an institutional line billed on its revenue code alone has none.
  if (!code) return undefined;
  const out: LineAdjudication837 = {
    otherPayerId: prior.payer.payerId,
    paidCents: remit.paidCents,
    procedure: { qualifier: 'HC', code, ...modifiers(remit.procedureCode ? remit.modifiers : l.modifiers) },
    paidUnits: quantity(remit.units ?? l.units) ?? '1',
    dates: [{ qualifier: '573', format: 'D8', value: ymd(prior.adjudicatedDate) }],
  };
  if (input.claim.claimType === '837I' && l.revenueCode) out.revenueCode = l.revenueCode;
  const cas = casSegments(remit.adjustments);
  if (cas.length) out.adjustments = cas;
  return out;
}

function serviceLines(input: Claim837Input, claimPos: string, lineAuths: Map<number, string> | undefined): ServiceLine837[] {
  const { claim } = input;
  return claim.lines.map((l) => {
    const units = quantity(l.units) ?? '1';
    const out: ServiceLine837 = {};
    if (claim.claimType === '837P') {
      const [p1, p2, p3, p4] = l.diagnosisPointers;
      out.professional = {
        procedure: { qualifier: 'HC', code: l.procedureCode ?? '', ...modifiers(l.modifiers) },
        chargeCents: l.chargeCents,
        unitBasis: 'UN',
        quantity: units,
        // SV107 is required; a line without pointers points at the principal diagnosis.
        diagnosisPointers: {
          pointer1: p1 ?? 1,
          ...(p2 ? { pointer2: p2 } : {}),
          ...(p3 ? { pointer3: p3 } : {}),
          ...(p4 ? { pointer4: p4 } : {}),
        },
      };
      if (l.placeOfService && l.placeOfService !== claimPos) out.professional.placeOfService = l.placeOfService;
    } else {
      const revenueCode = l.revenueCode ?? '';
      out.institutional = {
        revenueCode,
        chargeCents: l.chargeCents,
        unitBasis: isAccommodation(revenueCode) ? 'DA' : 'UN',
        quantity: units,
      };
      if (l.procedureCode) out.institutional.procedure = { qualifier: 'HC', code: l.procedureCode, ...modifiers(l.modifiers) };
    }
    out.dates = [period('472', l.serviceDateFrom, l.serviceDateTo)];
    const references: Reference[] = [{ qualifier: '6R', value: String(l.lineNumber) }];
    const auth = lineAuths?.get(l.lineNumber);
    if (auth) references.unshift({ qualifier: 'G1', value: auth });
    out.references = references;
    if (input.primaryAdjudication) {
      const adj = lineAdjudication(l, input, input.primaryAdjudication);
      if (adj) out.adjudications = [adj];
    }
    return out;
  });
}

function providerParty(entityCode: string, p: Provider, providerCode: string): Party {
  return {
    entityCode,
    ...providerName(p),
    idQualifier: 'XX',
    id: p.npi,
    provider: { providerCode, referenceQualifier: 'PXC', taxonomyCode: p.taxonomyCode },
  };
}

/** The 2300 claim loop (with its 2310 providers, 2320 other payer and 2400 lines) for one claim. */
function claimLoop(input: Claim837Input): Claim837 {
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
  const lineAuths = authorizationsByLine(input);
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
    if (!professional && d.presentOnAdmission) c.presentOnAdmission = d.presentOnAdmission;
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
    // 2310A attending (required); without one, the rendering provider attends. 2310D rendering when different.
    const attending = input.attendingProvider ?? input.renderingProvider;
    if (attending) providers.push(providerParty('71', attending, 'AT'));
    const r = input.renderingProvider;
    if (r && attending && r.npi !== attending.npi) providers.push(providerParty('82', r, 'PE'));
  }
  if (providers.length) out.providers = providers;
  if (input.primaryAdjudication) out.otherSubscribers = [otherPayer(input, input.primaryAdjudication)];
  out.serviceLines = serviceLines(input, claimPos, authNumbers.size > 1 ? lineAuths : undefined);
  return out;
}

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

function checkAll(inputs: readonly Claim837Input[], header: Header837): void {
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

function documentHeader(header: Header837): Omit<ClaimDocument837, 'billingProviders'> {
  const { date, time } = stamp(header.now);
  const s = header.submitter;
  const numbers = [
    ...(s.contactPhone ? [{ qualifier: 'TE', number: s.contactPhone }] : []),
    ...(s.contactEmail ? [{ qualifier: 'EM', number: s.contactEmail.trim() }] : []),
  ];
  return {
    beginning: { purposeCode: '00', referenceId: header.batchId, date, time, transactionTypeCode: 'CH' },
    submitter: {
      entityType: '2',
      lastName: x12Text(s.name, 60),
      idQualifier: '46',
      id: s.id,
      contacts: [{ functionCode: 'IC', name: x12Text(s.contactName, 60), numbers }],
    },
    receiver: { entityType: '2', lastName: x12Text(header.receiver.name, 60), idQualifier: '46', id: header.receiver.id },
  };
}

/** A 2000B loop being filled, with its 2000C patients by our patient id. */
interface SubscriberGroup {
  loop: Subscriber837;
  patients: Map<string, Patient837>;
}

/**
 * The 837 transaction sets for claims to one payer: one per claim type (837P, 837I), each with one
 * 2000A billing provider loop per billing provider, one 2000B subscriber loop per subscriber (a
 * subscriber's own claims and their dependents' claims in separate loops) and one 2000C loop per
 * dependent patient. Claims keep their input order within their loops.
 * Throws {@link ExchangeInputError} naming every field at fault.
 */
export function claimDocuments837(inputs: readonly Claim837Input[], header: Header837): Document837[] {
  checkAll(inputs, header);
  const head = documentHeader(header);
  const out: Document837[] = [];
  for (const claimType of ['837P', '837I'] as const) {
    const mine = inputs.filter((i) => i.claim.claimType === claimType);
    if (mine.length === 0) continue;
    const billing = new Map<string, { loop: BillingProvider837; subscribers: Map<string, SubscriberGroup> }>();
    for (const input of mine) {
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
    out.push({
      claimType,
      def: claimType === '837P' ? TS837P : TS837I,
      document: { ...head, billingProviders: [...billing.values()].map((b) => b.loop) },
      patientControlNumbers: mine.map((i) => i.claim.patientControlNumber),
    });
  }
  return out;
}

/**
 * The engine's 837 model for one claim (837P or 837I by `claim.claimType`).
 * Throws {@link ExchangeInputError} naming every field at fault.
 */
export function claimDocument837(input: Claim837Input, header: Header837): ClaimDocument837 {
  return (claimDocuments837([input], header)[0] as Document837).document;
}

/**
 * Writes claims to one payer as one interchange: an 837P and/or an 837I transaction set (each in its
 * own functional group), grouped by billing provider and subscriber as the guides require. Returns the
 * X12 with the control numbers the payer's 999 (AK1/AK2) and 277CA will refer to.
 * Throws {@link ExchangeInputError} for records that cannot make a valid claim, and the engine's
 * `X12Error` if a value breaks the guide (e.g. a code of the wrong length).
 */
export function write837Batch(inputs: readonly Claim837Input[], parties: Batch837Parties, controls: ControlNumberSource): Written837Batch {
  const docs = claimDocuments837(inputs, parties);
  const envelope = interchangeParties(parties.interchange, parties.now);
  const { controls: recording, issued } = recordingControls(controls);
  const x12 = writeInterchange(
    envelope,
    docs.map((d) => ({ def: d.def, model: d.document as unknown as Record<string, unknown> })),
    recording,
  );
  // writeInterchange puts each guide in its own group, in first-seen order, one transaction set each here.
  const transactionSets = docs.map((d, i) => ({
    claimType: d.claimType,
    groupControlNumber: issued.group[i] ?? '',
    controlNumber: issued.transaction[i] ?? '',
    patientControlNumbers: d.patientControlNumbers,
  }));
  return {
    x12,
    payerId: inputs[0]?.payer.payerId ?? '',
    interchangeControlNumber: issued.interchange[0] ?? '',
    claimCount: inputs.length,
    totalChargeCents: inputs.reduce((s, i) => s + i.claim.totalChargeCents, 0),
    transactionSets,
  };
}
