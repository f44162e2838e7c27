/** fast-check generators of writer models (837P/837I/270/276) within the guides' lengths and codes. */
import fc from 'fast-check';
import type { ClaimDocument837, Claim837, ServiceLine837 } from '#functions/x12/types837.ts';
import type { ModelObject } from '#functions/x12/reader.ts';

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789'.split('');
const TEXT = [...ALNUM, ' ', '.', '-', '&', ',', '/', '#'];

/** Text without delimiters; never empty, since the writer treats '' as absent. */
export const text = (min: number, max: number, chars: readonly string[] = TEXT): fc.Arbitrary<string> =>
  fc.string({ unit: fc.constantFrom(...chars), minLength: Math.max(min, 1), maxLength: max });
export const id = (min: number, max: number): fc.Arbitrary<string> => text(min, max, ALNUM);
const digits = (n: number): fc.Arbitrary<string> =>
  fc.string({ unit: fc.constantFrom(...'0123456789'.split('')), minLength: n, maxLength: n });
export const cents = fc.integer({ min: -99_999_999, max: 999_999_999 });
const date = fc
  .integer({ min: 0, max: 36_000 })
  .map((d) => new Date(Date.UTC(1930, 0, 1) + d * 86_400_000).toISOString().slice(0, 10).replaceAll('-', ''));
/** HHMM on a 24-hour clock. */
const time = fc
  .tuple(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 }))
  .map(([h, m]) => `${String(h).padStart(2, '0')}${String(m).padStart(2, '0')}`);
const decimal = fc
  .tuple(fc.integer({ min: 0, max: 9999 }), fc.option(fc.integer({ min: 1, max: 99 }), { nil: undefined }))
  .map(([w, f]) => (f === undefined ? String(w) : `${w}.${f}`));
const opt = <T>(a: fc.Arbitrary<T>): fc.Arbitrary<T | undefined> => fc.option(a, { nil: undefined });

/** Drops undefined properties so the model equals what the reader returns. */
export function clean<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

const address = fc.record({ line1: text(1, 55), line2: opt(text(1, 55)) });
const city = fc.record({ city: text(2, 30), state: id(2, 2), postalCode: digits(5) });
const person = fc.record({
  entityType: fc.constant('1'),
  lastName: text(1, 60),
  firstName: opt(text(1, 35)),
  middleName: opt(text(1, 25)),
  suffix: opt(text(1, 10)),
  idQualifier: fc.constant('MI'),
  id: id(2, 20),
});
/** An organization whose NM108 is one of the qualifiers its loop allows. */
const orgWith = (...qualifiers: string[]) =>
  fc.record({
    entityType: fc.constant('2'),
    lastName: text(1, 60),
    idQualifier: fc.constantFrom(...qualifiers),
    id: id(2, 20),
  });
const org = orgWith('XX', 'PI', '46');
// An information receiver (270 2100B) is not identified by an ETIN (46).
const receiverOrg = orgWith('XX', 'PI');
const reference = fc.record({ qualifier: fc.constantFrom('G1', 'F8', 'EA', '9F', 'D9'), value: id(1, 30) });
const dtp = (qualifier: string) => fc.record({ qualifier: fc.constant(qualifier), format: fc.constant('D8'), value: date });
const procedure = (qualifiers: string[]) =>
  fc.record({ qualifier: fc.constantFrom(...qualifiers), code: id(5, 5), modifier1: opt(id(2, 2)), modifier2: opt(id(2, 2)) });
const adjustments = fc.array(
  fc.record({
    groupCode: fc.constantFrom('CO', 'PR', 'OA', 'PI'),
    adjustments: fc.array(fc.record({ reasonCode: id(1, 3), amountCents: cents, quantity: opt(decimal) }), { minLength: 1, maxLength: 6 }),
  }),
  { maxLength: 3 },
);
const hiCode = (qualifier: string) => fc.record({ code: fc.record({ qualifier: fc.constant(qualifier), code: id(3, 7) }) });
/**
 * HI as the guides arrange it: the principal diagnosis first (837P: with up to 11 other diagnoses in
 * the same HI; 837I: alone, the others in an HI of their own), then maybe condition codes.
 */
const healthCareCodes = (variant: 'P' | 'I') =>
  fc
    .tuple(fc.array(hiCode('ABF'), { maxLength: 11 }), fc.array(hiCode('BG'), { maxLength: 3 }))
    .map(([others, conditions]) => [
      ...(variant === 'P'
        ? [{ codes: [{ code: { qualifier: 'ABK', code: 'J069' } }, ...others] }]
        : [{ codes: [{ code: { qualifier: 'ABK', code: 'J069' } }] }, ...(others.length ? [{ codes: others }] : [])]),
      ...(conditions.length ? [{ codes: conditions }] : []),
    ]);

// The rarer 2300/2400 segments: PWK, CN1, CR1, CR2, CR3, CRC, HCP, K3, NTE, SV5, PS1, MEA, QTY, 2440.
const some = <T>(a: fc.Arbitrary<T>, max: number): fc.Arbitrary<T[] | undefined> => opt(fc.array(a, { minLength: 1, maxLength: max }));
const percent = fc.integer({ min: 0, max: 100 }).map(String);
// PWK05/PWK06 are a pair (syntax note P0506): an attachment control number comes with its qualifier.
const attachment = fc
  .record({
    reportType: fc.constantFrom('OZ', 'B4', 'CT', 'EB', 'OB', '03'),
    transmissionCode: fc.constantFrom('AA', 'BM', 'EL', 'EM', 'FT', 'FX'),
    controlNumber: opt(id(2, 50)),
  })
  .map(({ controlNumber, ...a }) => (controlNumber === undefined ? a : { ...a, idQualifier: 'AC', controlNumber }));
const contract = fc.record({
  typeCode: fc.constantFrom('01', '02', '03', '04', '05', '06', '09'),
  amountCents: opt(cents),
  percent: opt(percent),
  code: opt(id(1, 50)),
  termsDiscountPercent: opt(percent),
  versionId: opt(id(1, 30)),
});
const ambulance = fc
  .record({
    weight: opt(fc.integer({ min: 1, max: 999 }).map(String)),
    reasonCode: fc.constantFrom('A', 'B', 'C', 'D', 'E'),
    distance: decimal,
    roundTripPurpose: opt(text(1, 80)),
    stretcherPurpose: opt(text(1, 80)),
  })
  .map(({ weight, ...a }) => ({ ...(weight ? { weightUnit: 'LB' as const, weight } : {}), ...a, distanceUnit: 'DH' as const }));
const spinal = fc.record({
  conditionCode: fc.constantFrom('A', 'C', 'D', 'E', 'F', 'G', 'M'),
  description1: opt(text(1, 80)),
  description2: opt(text(1, 80)),
});
/** A CRC of one category (CRC01): its answers and its conditions, at most `count` of them. */
const conditionOf = (category: string, answers: readonly string[], codes: readonly string[], count: 1 | 2 | 3) =>
  fc.record({
    category: fc.constant(category),
    response: fc.constantFrom(...answers),
    condition1: fc.constantFrom(...codes),
    ...(count > 1 ? { condition2: opt(fc.constantFrom(...codes)) } : {}),
    ...(count > 2 ? { condition3: opt(fc.constantFrom(...codes)) } : {}),
  });
/** 837P line CRCs: one per category (ambulance 07, hospice employee 70, DME condition 09), each with its own codes. */
const lineConditions = fc.uniqueArray(
  fc.oneof(
    conditionOf('07', ['Y', 'N'], ['01', '04', '05', '06', '12'], 2),
    conditionOf('70', ['Y', 'N'], ['65'], 1),
    conditionOf('09', ['Y', 'N'], ['38', 'ZV'], 2),
  ),
  { selector: (c) => c.category, minLength: 1, maxLength: 3 },
);
/** 837P claim CRCs: ambulance 07, vision E1/E2, homebound 75 (Y, IH), EPSDT referral ZZ; one per category. */
const conditions = fc.uniqueArray(
  fc.oneof(
    conditionOf('07', ['Y', 'N'], ['01', '04', '08', '60'], 3),
    conditionOf('E1', ['Y', 'N'], ['L1', 'L2', 'L3', 'L4', 'L5'], 3),
    conditionOf('E2', ['Y', 'N'], ['L1', 'L2', 'L3', 'L4', 'L5'], 3),
    conditionOf('75', ['Y'], ['IH'], 1),
    conditionOf('ZZ', ['Y', 'N'], ['AV', 'NU', 'S2', 'ST'], 3),
  ),
  { selector: (c) => c.category, minLength: 1, maxLength: 3 },
);
const repricing = (line: boolean) =>
  fc
    .record({
      pricingMethodology: fc.constantFrom('00', '01', '02', '03', '04', '05', '07', '08', '09', '10', '11', '12', '13', '14'),
      allowedCents: cents,
      savingsCents: opt(cents),
      organizationId: opt(id(1, 50)),
      perDiemRate: opt(decimal),
      approvedDrgCode: line ? fc.constant(undefined) : opt(id(1, 4)),
      approvedDrgCents: line ? fc.constant(undefined) : opt(cents),
      approvedProcedure: line
        ? opt(fc.record({ procedureQualifier: fc.constantFrom('HC', 'IV', 'ER', 'WK'), approvedProcedureCode: id(5, 5) }))
        : fc.constant(undefined),
      approvedUnits: line ? opt(decimal) : fc.constant(undefined),
      rejectReasonCode: opt(fc.constantFrom('T1', 'T2', 'T3', 'T4', 'T5', 'T6')),
      policyComplianceCode: opt(fc.constantFrom('1', '2', '3', '4', '5')),
      exceptionCode: opt(fc.constantFrom('1', '2', '3', '4', '5', '6')),
    })
    .map(({ approvedProcedure, approvedUnits, ...r }) => ({
      ...r,
      ...approvedProcedure,
      ...(approvedUnits ? { unitBasis: 'UN', approvedUnits } : {}),
    }));
const fileInformation = some(fc.record({ text: text(1, 80) }), 3);
const notes = (codes: string[]) => some(fc.record({ referenceCode: fc.constantFrom(...codes), text: text(1, 80) }), 2);
const dme = fc.record({
  procedure: fc.record({ qualifier: fc.constant('HC'), code: id(5, 5) }),
  unitBasis: fc.constant('DA' as const),
  lengthOfNeed: fc.integer({ min: 1, max: 999 }).map(String),
  // SV504-SV506 are required (pyx12's X222A1 map and stupidedi's X222 agree).
  rentalPriceCents: cents,
  purchasePriceCents: cents,
  rentalUnitPriceIndicator: fc.constantFrom('1' as const, '4' as const, '6' as const),
});
const measurement = fc.record({
  referenceCode: fc.constantFrom('TR', 'OG'),
  qualifier: fc.constantFrom('HT', 'R1', 'R2', 'R3', 'R4'),
  value: decimal,
});
const form = fc.record({
  codeListQualifier: fc.constant('UT'),
  code: id(1, 30),
  answers: fc.array(
    fc
      .record({
        questionNumber: id(1, 20),
        answer: opt(fc.constantFrom('N', 'W', 'Y')),
        text: opt(text(1, 50)),
        date: opt(date),
        percent: opt(percent),
      })
      // FRM answers one way at least (syntax note R02030405).
      .filter((a) => a.answer !== undefined || a.text !== undefined || a.date !== undefined || a.percent !== undefined),
    { minLength: 1, maxLength: 3 },
  ),
});

/** The rarer line segments; the 837I line carries PWK, HCP and NTE only. */
function rareLine(variant: 'P' | 'I') {
  const p = <T>(a: fc.Arbitrary<T>): fc.Arbitrary<T | undefined> => (variant === 'P' ? a : fc.constant(undefined));
  return fc.record({
    dme: p(opt(dme)),
    attachments: some(attachment, 2),
    ambulanceTransport: p(opt(ambulance)),
    dmeCertification: p(
      opt(
        fc.record({
          typeCode: fc.constantFrom('I', 'R', 'S'),
          unit: fc.constant('MO' as const),
          duration: fc.integer({ min: 1, max: 99 }).map(String),
        }),
      ),
    ),
    conditions: p(opt(lineConditions)),
    // One QTY per qualifier (X222A1: QTY*PT and QTY*FL once each).
    quantities: p(
      opt(
        fc.uniqueArray(fc.record({ qualifier: fc.constantFrom('PT', 'FL'), quantity: decimal }), {
          selector: (q) => q.qualifier,
          minLength: 1,
          maxLength: 2,
        }),
      ),
    ),
    measurements: p(some(measurement, 2)),
    contract: p(opt(contract)),
    fileInformation: p(fileInformation),
    // 837I: one line note, TPO (X223A2).
    notes:
      variant === 'P'
        ? notes(['ADD', 'DCP'])
        : opt(fc.array(fc.record({ referenceCode: fc.constant('TPO'), text: text(1, 80) }), { minLength: 1, maxLength: 1 })),
    purchasedService: p(opt(fc.record({ providerId: id(1, 50), chargeCents: cents }))),
    repricing: opt(repricing(true)),
    forms: p(some(form, 2)),
  });
}

/** The rarer claim segments; CR1 and CR2 are 837P only. */
function rareClaim(variant: 'P' | 'I') {
  const p = <T>(a: fc.Arbitrary<T>): fc.Arbitrary<T | undefined> => (variant === 'P' ? a : fc.constant(undefined));
  return fc.record({
    attachments: some(attachment, 3),
    contract: opt(contract),
    fileInformation,
    notes: notes(
      variant === 'P' ? ['ADD', 'CER', 'DCP', 'DGN', 'TPO'] : ['ALG', 'DCP', 'DGN', 'DME', 'MED', 'NTR', 'ODT', 'RHB', 'SET', 'UPI'],
    ),
    ambulanceTransport: p(opt(ambulance)),
    spinalManipulation: p(opt(spinal)),
    // 837I: the EPSDT referral alone (ZZ with AV, NU, S2 or ST), once (X223A2).
    conditions:
      variant === 'P'
        ? opt(conditions)
        : opt(
            fc.array(
              fc.record({
                category: fc.constant('ZZ'),
                response: fc.constantFrom('Y', 'N'),
                condition1: fc.constantFrom('AV', 'NU', 'S2', 'ST'),
              }),
              {
                minLength: 1,
                maxLength: 1,
              },
            ),
          ),
    repricing: opt(repricing(false)),
  });
}

function serviceLine(variant: 'P' | 'I'): fc.Arbitrary<ServiceLine837> {
  const body =
    variant === 'P'
      ? fc.record({
          professional: fc.record({
            procedure: procedure(['HC', 'ER', 'IV', 'WK']),
            chargeCents: cents,
            unitBasis: fc.constantFrom('UN' as const, 'MJ' as const),
            quantity: decimal,
            placeOfService: opt(digits(2)),
            // SV107 is required in the 837P (pyx12's X222A1 map and stupidedi's X222 agree).
            diagnosisPointers: fc.record({ pointer1: fc.integer({ min: 1, max: 12 }), pointer2: opt(fc.integer({ min: 1, max: 12 })) }),
          }),
        })
      : fc.record({
          institutional: fc.record({
            revenueCode: digits(4),
            procedure: opt(procedure(['HC', 'HP'])),
            chargeCents: cents,
            unitBasis: fc.constantFrom('UN' as const, 'DA' as const),
            quantity: decimal,
            nonCoveredCents: opt(cents),
          }),
        });
  return fc
    .tuple(
      body,
      fc.array(dtp('472'), { minLength: variant === 'P' ? 1 : 0, maxLength: 1 }),
      variant === 'P'
        ? // 837P line REFs: qualifiers of the line's list, one of each (X222A1).
          fc.uniqueArray(fc.record({ qualifier: fc.constantFrom('G1', '9F', '6R', 'EW', 'X4'), value: id(1, 30) }), {
            selector: (r) => r.qualifier,
            maxLength: 2,
          })
        : // 837I line REFs: 6R, 9B, 9D, once each (X223A2).
          fc.uniqueArray(fc.record({ qualifier: fc.constantFrom('6R', '9B', '9D'), value: id(1, 30) }), {
            selector: (r) => r.qualifier,
            maxLength: 2,
          }),
      fc.array(
        fc.record({
          otherPayerId: id(2, 10),
          paidCents: cents,
          // 2430 SVD03 procedure: R in the 837P, S in the 837I; SVD04 revenue code: R in the 837I, Not Used in the 837P.
          procedure: variant === 'P' ? procedure(['HC', 'ER', 'IV', 'WK']) : opt(procedure(['HC', 'HP'])),
          revenueCode: variant === 'P' ? fc.constant(undefined) : digits(4),
          paidUnits: decimal,
          adjustments,
          dates: fc.array(dtp('573'), { minLength: 1, maxLength: 1 }),
        }),
        { maxLength: 2 },
      ),
      rareLine(variant),
    )
    .map(
      ([b, dates, references, adjudications, rare]) =>
        clean({
          ...b,
          ...rare,
          dates: dates.length ? dates : undefined,
          references: references.length ? references : undefined,
          adjudications: adjudications.length
            ? adjudications.map((a) => ({ ...a, adjustments: a.adjustments.length ? a.adjustments : undefined }))
            : undefined,
        }) as ServiceLine837,
    );
}

function claim(variant: 'P' | 'I'): fc.Arbitrary<Claim837> {
  return fc
    .record({
      patientControlNumber: id(1, 38),
      totalChargeCents: cents,
      facility:
        variant === 'P'
          ? fc.record({ placeOfService: digits(2), qualifier: fc.constant('B' as const), frequencyCode: fc.constantFrom('1', '7', '8') })
          : fc.record({ facilityTypeCode: digits(2), qualifier: fc.constant('A' as const), frequencyCode: fc.constantFrom('1', '7', '8') }),
      providerSignature: variant === 'P' ? fc.constantFrom('Y' as const, 'N' as const) : fc.constant(undefined),
      assignmentParticipation: fc.constantFrom('A' as const, 'B' as const, 'C' as const),
      benefitsAssignment: fc.constantFrom('Y' as const, 'N' as const, 'W' as const),
      releaseOfInformation: fc.constantFrom('Y' as const, 'I' as const),
      dates: variant === 'I' ? fc.array(dtp('434'), { minLength: 1, maxLength: 1 }) : fc.constant(undefined),
      // 837I CL1: required, with the patient status (CL103); admission type and source situational.
      institutional:
        variant === 'I'
          ? fc.record({ admissionTypeCode: opt(digits(1)), admissionSourceCode: opt(digits(1)), patientStatusCode: digits(2) })
          : fc.constant(undefined),
      // One REF per qualifier (the 837I's claim REFs are each once; the 837P's list is open).
      references: opt(fc.uniqueArray(reference, { selector: (r) => r.qualifier, minLength: 1, maxLength: 3 })),
      healthCareCodes: healthCareCodes(variant),
      otherSubscribers: opt(
        fc.array(
          fc.record({
            payerResponsibility: fc.constantFrom('P', 'S', 'T'),
            relationshipCode: fc.constantFrom('18', '01', '19'),
            claimFilingIndicator: opt(fc.constantFrom('CI', 'MB', '12')),
            adjustments: opt(adjustments.filter((a) => a.length > 0)),
            // One AMT per qualifier (X223A2 2320: D, A8, EAF once each).
            amounts: opt(
              fc.uniqueArray(fc.record({ qualifier: fc.constantFrom('D', 'A8', 'EAF'), amountCents: cents }), {
                selector: (a) => a.qualifier,
                minLength: 1,
                maxLength: 3,
              }),
            ),
            otherInsurance: fc.record({ benefitsAssignment: fc.constantFrom('Y', 'N'), releaseOfInformation: fc.constantFrom('Y', 'I') }),
            subscriber: person,
            payer: orgWith('PI', 'XV'),
          }),
          { minLength: 1, maxLength: 2 },
        ),
      ),
      serviceLines: fc.array(serviceLine(variant), { minLength: 1, maxLength: 4 }),
      originalClaimNumber: id(1, 30),
      rare: rareClaim(variant),
    })
    .map(({ originalClaimNumber, rare, ...base }) => {
      const c = { ...base, ...rare };
      // Replacement (7) and void (8) claims must reference the original claim (REF*F8).
      if (c.facility.frequencyCode !== '1' && !c.references?.some((r) => r.qualifier === 'F8')) {
        c.references = [...(c.references ?? []), { qualifier: 'F8', value: originalClaimNumber }];
      }
      return balanceClaim(clean(c) as Claim837);
    });
}

interface CasList {
  adjustments?: { adjustments: { amountCents: number }[] }[];
}
const casTotal = (holder: CasList): number =>
  (holder.adjustments ?? []).reduce((n, cas) => n + cas.adjustments.reduce((m, t) => m + t.amountCents, 0), 0);

/**
 * Makes a generated claim add up as the guide requires: CLM02 is the sum of the line charges, each
 * 2430 SVD02 is the line charge less its CAS amounts, and each prior payer's AMT*D is CLM02 less its
 * 2320 and 2430 CAS amounts.
 */
function balanceClaim(claim: Claim837): Claim837 {
  const lines = claim.serviceLines as unknown as (CasList & {
    professional?: { chargeCents: number };
    institutional?: { chargeCents: number };
    adjudications?: (CasList & { otherPayerId: string; paidCents: number })[];
  })[];
  let total = 0;
  for (const line of lines) {
    const charge = (line.professional ?? line.institutional)?.chargeCents ?? 0;
    total += charge;
    for (const a of line.adjudications ?? []) a.paidCents = charge - casTotal(a);
  }
  claim.totalChargeCents = total;
  const payers = (claim.otherSubscribers ?? []) as unknown as (CasList & {
    amounts?: { qualifier: string; amountCents: number }[];
    payer: { id?: string };
  })[];
  for (const payer of payers) {
    let lineAdjustments = 0;
    for (const line of lines)
      for (const a of line.adjudications ?? []) if (a.otherPayerId === payer.payer.id) lineAdjustments += casTotal(a);
    for (const amount of payer.amounts ?? []) if (amount.qualifier === 'D') amount.amountCents = total - casTotal(payer) - lineAdjustments;
  }
  return claim;
}

/** A whole 837 document: 1-2 billing providers, 1-2 subscribers each, claims for subscribers and/or dependents. */
export function claimDocument(variant: 'P' | 'I'): fc.Arbitrary<ClaimDocument837> {
  const subscriber = fc.record({
    insurance: fc.record({
      payerResponsibility: fc.constantFrom('P', 'S'),
      relationshipCode: opt(fc.constant('18')),
      groupNumber: opt(id(1, 20)),
      claimFilingIndicator: opt(fc.constantFrom('CI', 'MB', 'MC')),
    }),
    subscriber: fc
      .tuple(
        person,
        opt(address),
        opt(city),
        opt(fc.record({ format: fc.constant('D8'), dateOfBirth: date, gender: fc.constantFrom('F', 'M', 'U') })),
      )
      .map(([p, a, c, d]) => ({ ...p, address: a, city: c, demographics: d })),
    payer: orgWith('PI', 'XV'),
    claims: opt(fc.array(claim(variant), { minLength: 1, maxLength: 2 })),
    patients: opt(
      fc.array(
        fc.record({
          patientInfo: fc.record({ relationshipCode: fc.constantFrom('01', '19', '20') }),
          patient: fc
            .tuple(person, address, city, date)
            // The 837I's patient is named, never identified (2010CA NM108/NM109 Not Used, X223A2).
            .map(([{ idQualifier, id, ...p }, a, c, dob]) => ({
              ...p,
              ...(variant === 'P' ? { idQualifier, id } : {}),
              address: a,
              city: c,
              demographics: { format: 'D8', dateOfBirth: dob, gender: 'F' },
            })),
          claims: fc.array(claim(variant), { minLength: 1, maxLength: 2 }),
        }),
        { minLength: 1, maxLength: 2 },
      ),
    ),
  });
  return fc
    .record({
      beginning: fc.record({
        purposeCode: fc.constantFrom('00' as const, '18' as const),
        referenceId: id(1, 30),
        date,
        time,
        transactionTypeCode: fc.constantFrom('CH' as const, '31' as const, 'RP' as const),
      }),
      submitter: fc
        .tuple(orgWith('46'), text(1, 60), digits(10))
        .map(([o, name, number]) => ({ ...o, contacts: [{ functionCode: 'IC', name, numbers: [{ qualifier: 'TE', number }] }] })),
      receiver: orgWith('46'),
      billingProviders: fc.array(
        fc.record({
          billingProvider: fc.tuple(orgWith('XX'), address, city).map(([o, a, c]) => ({ ...o, address: a, city: c })),
          subscribers: fc.array(subscriber, { minLength: 1, maxLength: 2 }),
        }),
        { minLength: 1, maxLength: 2 },
      ),
    })
    .map((d) => clean(d) as ClaimDocument837);
}

/** 270 inquiries for a subscriber and optional dependents. */
export const eligibilityInquiry: fc.Arbitrary<ModelObject> = fc
  .record({
    beginning: fc.record({
      purposeCode: fc.constant('13'),
      referenceId: id(1, 30),
      date,
      time,
      transactionTypeCode: fc.constant('RT'),
    }),
    sources: fc.array(
      fc.record({
        source: org.map((o) => ({ ...o, entityCode: 'PR' })),
        receivers: fc.array(
          fc.record({
            receiver: receiverOrg.map((o) => ({ ...o, entityCode: '1P' })),
            subscribers: fc.array(
              fc.record({
                traces: opt(
                  fc.array(fc.record({ traceType: fc.constant('1'), traceNumber: id(1, 30), originatorId: digits(10) }), {
                    minLength: 1,
                    maxLength: 2,
                  }),
                ),
                member: fc
                  .tuple(
                    person,
                    opt(
                      fc.array(
                        fc.record({
                          serviceTypes: fc.array(fc.constantFrom('30', '1', '33', '35', '47', '86', '88', '98', 'AL', 'MH', 'UC'), {
                            minLength: 1,
                            maxLength: 5,
                          }),
                        }),
                        { minLength: 1, maxLength: 3 },
                      ),
                    ),
                  )
                  .map(([p, inquiries]) => ({ ...p, inquiries })),
                dependents: opt(
                  fc.array(fc.record({ member: person.map((p) => ({ ...p, idQualifier: undefined, id: undefined })) }), {
                    minLength: 1,
                    maxLength: 2,
                  }),
                ),
              }),
              { minLength: 1, maxLength: 3 },
            ),
          }),
          { minLength: 1, maxLength: 2 },
        ),
      }),
      { minLength: 1, maxLength: 2 },
    ),
  })
  .map((m) => clean(m));

/** 276 claim status requests. */
export const statusRequest: fc.Arbitrary<ModelObject> = fc
  .record({
    beginning: fc.record({ purposeCode: fc.constant('13'), referenceId: id(1, 30), date, time }),
    sources: fc.array(
      fc.record({
        name: orgWith('PI', 'XV').map((o) => ({ ...o, entityCode: 'PR' })),
        receivers: fc.array(
          fc.record({
            name: orgWith('46').map((o) => ({ ...o, entityCode: '41' })),
            providers: fc.array(
              fc.record({
                // 2100C repeats up to twice (X212): one or two names.
                name: fc.array(
                  orgWith('FI', 'SV', 'XX').map((o) => ({ ...o, entityCode: '1P' })),
                  { minLength: 1, maxLength: 2 },
                ),
                subscribers: fc.array(
                  fc.record({
                    levelCode: fc.constant('22'),
                    name: person.map((p) => ({ ...p, entityCode: 'IL' })),
                    claims: fc.array(
                      fc.record({
                        traceType: fc.constant('1'),
                        traceNumber: id(1, 30),
                        references: opt(
                          fc.array(fc.record({ qualifier: fc.constantFrom('1K', 'BLT', 'EJ'), value: id(1, 30) }), {
                            minLength: 1,
                            maxLength: 3,
                          }),
                        ),
                        amounts: opt(
                          fc.array(fc.record({ qualifier: fc.constant('T3'), amountCents: cents }), { minLength: 1, maxLength: 1 }),
                        ),
                        services: opt(
                          fc.array(
                            fc.record({
                              procedure: procedure(['HC', 'NU']),
                              chargeCents: cents,
                              units: opt(decimal),
                              // The line's service date is required (X212 2210D DTP).
                              dates: date.map((value) => [{ qualifier: '472', format: 'D8', value }]),
                            }),
                            {
                              minLength: 1,
                              maxLength: 3,
                            },
                          ),
                        ),
                      }),
                      { minLength: 1, maxLength: 2 },
                    ),
                  }),
                  { minLength: 1, maxLength: 2 },
                ),
              }),
              { minLength: 1, maxLength: 2 },
            ),
          }),
          { minLength: 1, maxLength: 1 },
        ),
      }),
      { minLength: 1, maxLength: 2 },
    ),
  })
  .map((m) => clean(m));
