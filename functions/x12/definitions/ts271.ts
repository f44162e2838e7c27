/** 270/271 eligibility inquiry and response, 005010X279A1, as data. */
import { asList, composite, el, fixed, loop, seg, unused, UNBOUNDED, withSyntax, unusedElements } from '#functions/x12/schema.ts';
import type { ElementDef, LoopDef, SegmentDef, TransactionSetDef } from '#functions/x12/schema.ts';
import {
  aaa,
  amt,
  bht,
  dmg,
  dtp,
  hl,
  HSD_SYNTAX,
  INS_SYNTAX,
  MSG_SYNTAX,
  n3,
  n4,
  nm1,
  per,
  procedure,
  prv,
  ref,
  REF_VALUE_ONLY,
  se,
  st,
  trn,
} from './common.ts';
import type { NameParts } from './common.ts';
import {
  AAA_271,
  COVERAGE_LEVELS_271,
  DELIVERY_PERIODS_271,
  DEPENDENT_COVERAGE_LEVELS_271,
  DEPENDENT_RELATIONSHIPS_270,
  DEPENDENT_RELATIONSHIPS_271,
  HSD_271,
  INSURANCE_TYPES_271,
  MEMBER_PROVIDER_CODES_271,
  MEMBER_PROVIDER_QUALIFIERS_271,
  MPI_271,
  PROVIDER_CODES_271,
  QUANTITY_QUALIFIERS_271,
  REF_270,
  REF_271,
  RELATED_ENTITY_CODES_271,
  RELATIONSHIP_CODES_271,
  SERVICE_TYPES_271,
  TIME_PERIODS_271,
} from './ts271-codes.ts';

const SOURCE_CODES = ['2B', '36', 'GP', 'P5', 'PR'];
const RECEIVER_CODES = ['1P', '2B', '36', '80', 'FA', 'GP', 'P5', 'PR'];
/** NM108 of the information source (2100A) and receiver (2100B). */
const SOURCE_ID_QUALIFIERS = ['24', '46', 'FI', 'NI', 'PI', 'XV', 'XX'];
/** The receiver's NM108 has no 46 (ETIN): both pyx12 maps, stupidedi's 270 and LinuxForHealth's 271 agree. */
const RECEIVER_ID_QUALIFIERS = ['24', '34', 'FI', 'PI', 'PP', 'SV', 'XV', 'XX'];
/** NM108 of a benefit related entity (2120C/D): X279A1, as pyx12's 271 map lists it. */
const RELATED_ENTITY_ID_QUALIFIERS = ['24', '34', '46', 'FA', 'FI', 'II', 'MI', 'NI', 'PI', 'PP', 'SV', 'XV', 'XX'];
/**
 * DTP01 by loop (X279A1): the 270's subscriber/dependent (2100C/D) dates are the plan date or the
 * issue date of the id card, its inquiry (2110C/D) date is the plan date; the 271's member and benefit
 * dates below.
 */
const REQUEST_MEMBER_DATES = ['102', '291'];
const REQUEST_DATES = ['291'];
const MEMBER_DATES = [
  '096',
  '102',
  '152',
  '291',
  '307',
  '318',
  '340',
  '341',
  '342',
  '343',
  '346',
  '347',
  '356',
  '357',
  '382',
  '435',
  '442',
  '458',
  '472',
  '539',
  '540',
  '636',
  '771',
];
const BENEFIT_DATES = [
  '096',
  '193',
  '194',
  '198',
  '290',
  '291',
  '292',
  '295',
  '304',
  '307',
  '318',
  // 346 (plan begin) is in pyx12's 2110C/D list; 347 (plan end) is not.
  '346',
  '348',
  '349',
  '356',
  '357',
  '435',
  '472',
  '636',
  '771',
];

/** III: a code list qualifier (III01) with its code (III02); a code category (III03) needs a text, quantity or code. */
const III_SYNTAX = ['P0102', 'L030405'];

/** INS of the 271 by loop: INS01-INS04 lists, INS05-INS16 (INS09, student status, too) Not Used. */
function ins271(insured: readonly string[], relationships: readonly string[]): SegmentDef {
  return withSyntax(
    seg('INS', 'memberRelationship', 'S', 1, [
      el('insuredIndicator', 'ID', 'R', 1, 1, { codes: insured }),
      el('relationshipCode', 'ID', 'R', 2, 2, { codes: relationships }),
      el('maintenanceTypeCode', 'ID', 'S', 3, 3, { codes: ['001'] }),
      el('maintenanceReasonCode', 'ID', 'S', 2, 3, { codes: ['25'] }),
      ...unusedElements(12),
      el('birthSequenceNumber', 'AN', 'S', 1, 9),
    ]),
    INS_SYNTAX,
  );
}

/** HI of the 270 and 271: the principal diagnosis (ABK ICD-10, BK ICD-9) first, then others (ABF, BF). */
const hi271 = seg('HI', 'diagnoses', 'S', 1, [
  composite('code1', 'R', [el('qualifier', 'ID', 'R', 1, 3, { codes: ['ABK', 'BK'] }), el('code', 'AN', 'R', 1, 30)]),
  ...[2, 3, 4, 5, 6, 7, 8].map((n) =>
    composite(`code${n}`, 'S', [el('qualifier', 'ID', 'R', 1, 3, { codes: ['ABF', 'BF'] }), el('code', 'AN', 'R', 1, 30)]),
  ),
]);

/** MPI: the date format (MPI06) and the service period (MPI07) as a pair. */
const mpi = withSyntax(
  seg('MPI', 'militaryPersonnel', 'S', 1, [
    el('informationStatus', 'ID', 'R', 1, 1, { codes: MPI_271.statuses }),
    el('employmentStatus', 'ID', 'R', 2, 2, { codes: MPI_271.employment }),
    el('governmentServiceAffiliation', 'ID', 'R', 1, 1, { codes: MPI_271.affiliations }),
    el('description', 'AN', 'S', 1, 80),
    el('serviceRank', 'ID', 'S', 2, 2, { codes: MPI_271.ranks }),
    el('dateFormat', 'ID', 'S', 2, 3, { codes: ['D8', 'RD8'] }),
    el('datePeriod', 'AN', 'S', 1, 35),
  ]),
  ['P0607'],
);

/** EB01 eligibility or benefit information codes of X279A1. */
const BENEFIT_CODES = [...'12345678ABCDEFGHIJKLMNOPQRSTUVWXY'.split(''), 'CB', 'MC'];
/** EB13-01 / EQ02-01: the procedure code's qualifier, in the 270's inquiry and the 271's benefit alike. */
const PROCEDURE_QUALIFIERS = ['AD', 'CJ', 'HC', 'ID', 'IV', 'N4', 'ZZ'];
/** EB14 / EQ05: up to four pointers to the request's diagnoses (HI). */
const diagnosisPointers = (): ElementDef =>
  composite('diagnosisPointer', 'S', [
    el('pointer1', 'N0', 'R', 1, 2),
    el('pointer2', 'N0', 'S', 1, 2),
    el('pointer3', 'N0', 'S', 1, 2),
    el('pointer4', 'N0', 'S', 1, 2),
  ]);

/** EB eligibility or benefit information; `coverageLevels` is the loop's EB02 list (a dependent's has no EMP). */
function eb(coverageLevels: readonly string[]): SegmentDef {
  return withSyntax(
    seg('EB', 'benefit', 'R', 1, [
      el('benefitCode', 'ID', 'R', 1, 2, { codes: BENEFIT_CODES }),
      el('coverageLevel', 'ID', 'S', 3, 3, { codes: coverageLevels }),
      el('serviceTypes', 'ID', 'S', 1, 2, { repeat: 99, codes: SERVICE_TYPES_271 }),
      el('insuranceType', 'ID', 'S', 1, 3, { codes: INSURANCE_TYPES_271 }),
      el('planCoverageDescription', 'AN', 'S', 1, 50),
      el('timePeriod', 'ID', 'S', 1, 2, { codes: TIME_PERIODS_271 }),
      el('amountCents', '$', 'S', 1, 18),
      el('percent', 'R', 'S', 1, 10),
      el('quantityQualifier', 'ID', 'S', 2, 2, { codes: QUANTITY_QUALIFIERS_271 }),
      el('quantity', 'R', 'S', 1, 15),
      el('authorizationRequired', 'ID', 'S', 1, 1, { codes: ['N', 'U', 'Y'] }),
      el('inPlanNetwork', 'ID', 'S', 1, 1, { codes: ['N', 'U', 'W', 'Y'] }),
      // EB13-07 (description) is Not Used; EB13-08 (product id) situational.
      procedure('procedure', 'S', PROCEDURE_QUALIFIERS, { description: false }),
      diagnosisPointers(),
    ]),
    // The quantity qualifier (EB09) and the quantity (EB10) as a pair.
    ['P0910'],
  );
}

const hsd = withSyntax(
  seg('HSD', 'deliveries', 'S', 9, [
    el('quantityQualifier', 'ID', 'S', 2, 2, { codes: HSD_271.quantityQualifiers }),
    el('quantity', 'R', 'S', 1, 15),
    el('unitBasis', 'ID', 'S', 2, 2, { codes: HSD_271.unitBases }),
    el('sampleSelectionModulus', 'R', 'S', 1, 6),
    el('timePeriodQualifier', 'ID', 'S', 1, 2, { codes: DELIVERY_PERIODS_271 }),
    el('periodCount', 'N0', 'S', 1, 3),
    el('deliveryFrequency', 'ID', 'S', 1, 1, { codes: HSD_271.frequencies }),
    el('deliveryPattern', 'ID', 'S', 1, 1, { codes: HSD_271.patterns }),
  ]),
  HSD_SYNTAX,
);

const msg = withSyntax(seg('MSG', 'messages', 'S', 10, [el('text', 'AN', 'R', 1, 264)]), MSG_SYNTAX);

/**
 * III in 2115C/D: a place of service (III01 ZZ, III02 its code) or a nature of injury (III01 GR or
 * NI, III02) with its category (III03 44) and the injured body part's name (III04). III01/III02 are
 * situational (paired by P0102): an III may carry the category and the name alone.
 */
const iii = withSyntax(
  seg('III', 'placeOfService', 'R', 1, [
    el('qualifier', 'ID', 'S', 1, 3, { codes: ['GR', 'NI', 'ZZ'] }),
    el('code', 'AN', 'S', 1, 30),
    el('categoryCode', 'ID', 'S', 2, 2, { codes: ['44'] }),
    el('text', 'AN', 'S', 1, 264),
  ]),
  III_SYNTAX,
);

/** NM103-NM107 of the 271's names: NM106 (prefix) is Not Used in every loop. */
const NAMES_271: NameParts = ['S', 'S', 'S', 'N', 'S'];
/** A REF of the 271: REF02 required, REF03 (a description, e.g. the plan's name) situational, REF04 Not Used. */
const ref271 = (qualifiers: readonly string[]) => ref('references', 'S', 9, qualifiers, { value: 'R', additional: false });
/** PRV of the 271: PRV02/PRV03 (the taxonomy) situational; PRV04-PRV06 Not Used. */
const prv271 = (providerCodes: readonly string[], referenceQualifiers: readonly string[] = ['PXC']) =>
  prv('S', { providerCodes, referenceQualifiers, taxonomy: 'S' });
/** An AAA of the 271: AAA03 and AAA04 required, from the loop's lists. */
const aaa271 = (at: keyof typeof AAA_271) => aaa(AAA_271[at]);

function benefitLoop(id: string): LoopDef {
  const dependent = id.endsWith('D');
  return loop(id, 'benefits', 'S', UNBOUNDED, [
    eb(dependent ? DEPENDENT_COVERAGE_LEVELS_271 : COVERAGE_LEVELS_271),
    hsd,
    ref271(REF_271['2110']),
    dtp('dates', 'S', 20, BENEFIT_DATES, ['D8', 'RD8']),
    aaa271('2110'),
    msg,
    loop(`${id.slice(0, 3)}5${id.slice(4)}`, 'additionalInformation', 'S', 10, [iii]),
    seg('LS', 'loopStart', 'S', 1, [fixed('2120', 'AN')]),
    loop(`${id.slice(0, 2)}20${id.slice(4)}`, 'relatedEntities', 'S', 23, [
      // The only NM1 that can stand here: any NM1 opens 2120C/D, a wrong NM101 is an INVALID_CODE there.
      nm1('name', RELATED_ENTITY_CODES_271, 'R', 1, {
        idQualifiers: RELATED_ENTITY_ID_QUALIFIERS,
        names: NAMES_271,
        relationshipCodes: RELATIONSHIP_CODES_271,
        matchEntity: false,
      }),
      n3(),
      n4('S', { locationQualifiers: ['RJ'] }),
      per('contacts', 'S', 3, { functions: ['IC'], numberQualifiers: ['ED', 'EM', 'EX', 'FX', 'TE', 'UR', 'WP'] }),
      prv271(PROVIDER_CODES_271),
    ]),
    seg('LE', 'loopEnd', 'S', 1, [fixed('2120', 'AN')]),
  ]);
}

/**
 * The 270's inquiry (2110C/D), from pyx12's 270 map and stupidedi's X279A1-HS270.rb, which agree:
 * EQ02-07/EQ02-08 and EQ04 Not Used, EQ03 FAM; AMT R (spend down) or PB (billed), AMT03 Not Used; one
 * III, a place of service (III01 ZZ, III02 its code); one REF (9F referral, G1 prior authorization:
 * an identifier alone) and one DTP*291.
 */
function eqLoop(id: string): LoopDef {
  return loop(id, 'inquiries', 'S', 99, [
    withSyntax(
      seg('EQ', 'inquiry', 'R', 1, [
        el('serviceTypes', 'ID', 'S', 1, 2, { repeat: 99, codes: SERVICE_TYPES_271 }),
        procedure('procedure', 'S', PROCEDURE_QUALIFIERS, { description: false, productId: false }),
        el('coverageLevel', 'ID', 'S', 3, 3, { codes: ['FAM'] }),
        unused,
        diagnosisPointers(),
      ]),
      // A service type (EQ01) or a procedure (EQ02).
      ['R0102'],
    ),
    amt('amounts', 'S', 2, ['R', 'PB'], { creditDebit: false }),
    asList(
      withSyntax(
        seg('III', 'placesOfService', 'S', 1, [el('qualifier', 'ID', 'R', 1, 3, { codes: ['ZZ'] }), el('code', 'AN', 'R', 1, 30)]),
        III_SYNTAX,
      ),
    ),
    ref('references', 'S', 1, REF_270['2110'], REF_VALUE_ONLY),
    dtp('dates', 'S', 1, REQUEST_DATES, ['D8', 'RD8']),
  ]);
}

/** The 270 subscriber's DMG: DMG01 situational, DMG03 F or M (both sources). */
const dmg270Subscriber: SegmentDef = (() => {
  const def = dmg('S', 'S', 'S');
  const [format, birth] = def.elements;
  return { ...def, elements: [format!, birth!, el('gender', 'ID', 'S', 1, 1, { codes: ['F', 'M'] })] };
})();

/** INS of the 270: INS03/INS04 and INS09 Not Used; INS17 (birth sequence) required for the subscriber. */
function ins270(insured: readonly string[], relationships: readonly string[], birthSequence: 'R' | 'S'): SegmentDef {
  return withSyntax(
    seg('INS', 'memberRelationship', 'S', 1, [
      el('insuredIndicator', 'ID', 'R', 1, 1, { codes: insured }),
      el('relationshipCode', 'ID', 'R', 2, 2, { codes: relationships }),
      ...unusedElements(14),
      el('birthSequenceNumber', 'AN', birthSequence, 1, 9),
    ]),
    INS_SYNTAX,
  );
}

/**
 * The member's NM1 in the 270 and the 271 alike: the subscriber (IL) may be identified (NM108 II or
 * MI); the dependent (03) is a person never identified (NM102 1, NM108/NM109 Not Used).
 */
function memberName(dependent: boolean): SegmentDef {
  return dependent
    ? nm1('name', ['03'], 'R', 1, { entityTypes: ['1'], names: NAMES_271, id: 'N', related: false })
    : nm1('name', ['IL'], 'R', 1, { idQualifiers: ['II', 'MI'], names: NAMES_271, related: false });
}

/**
 * The 270's subscriber (2100C) or dependent (2100D), from the same two sources: NM106, NM110/NM111
 * and N405/N406 Not Used, the dependent never identified (NM108/NM109 Not Used, NM102 1); a REF
 * carries an identifier alone; PRV02/PRV03 and DMG01 situational; INS names a multiple birth
 * (INS17, required for the subscriber) and the dependent's relationship.
 */
function memberName270(id: '2100C' | '2100D', childId: string): LoopDef {
  const dependent = id === '2100D';
  return loop(id, 'member', 'R', 1, [
    memberName(dependent),
    ref('references', 'S', 9, REF_270[id], REF_VALUE_ONLY),
    n3(),
    n4('S', { location: false }),
    prv271(MEMBER_PROVIDER_CODES_271, MEMBER_PROVIDER_QUALIFIERS_271),
    // DMG03: stupidedi gives no list in 2100D, so U is kept there.
    dependent ? dmg('S', 'S', 'S') : dmg270Subscriber,
    dependent ? ins270(['N'], DEPENDENT_RELATIONSHIPS_270, 'S') : ins270(['Y'], ['18'], 'R'),
    hi271,
    dtp('dates', 'S', 2, REQUEST_MEMBER_DATES, ['D8', 'RD8']),
    eqLoop(childId),
  ]);
}

/**
 * The 271's subscriber (2100C) or dependent (2100D), from pyx12's 271 v2 map: the subscriber may be
 * identified (NM108 II or MI), the dependent never is (NM108/NM109 Not Used, NM102 1: a person);
 * N405/N406 Not Used; DMG01 situational (a DMG may carry the gender alone).
 */
function memberName271(id: '2100C' | '2100D', childId: string): LoopDef {
  const dependent = id === '2100D';
  return loop(id, 'member', 'R', 1, [
    memberName(dependent),
    ref271(REF_271[id]),
    n3(),
    n4('S', { location: false }),
    aaa271(id),
    prv271(MEMBER_PROVIDER_CODES_271, MEMBER_PROVIDER_QUALIFIERS_271),
    dmg('S', 'S', 'S'),
    dependent ? ins271(['N'], DEPENDENT_RELATIONSHIPS_271) : ins271(['Y'], ['18']),
    hi271,
    dtp('dates', 'S', 9, MEMBER_DATES, ['D8', 'RD8']),
    mpi,
    benefitLoop(childId),
  ]);
}

/**
 * The 270, element by element from pyx12's 270.5010.X279.A1.xml beside stupidedi's X279A1-HS270.rb
 * (they agree): the source and the receiver are named (NM103) and identified (NM108/NM109); the
 * receiver's NM108 has no 46; TRN01 1 with its originator (TRN03); BHT02 01 or 13, BHT03 situational.
 */
function build270(): TransactionSetDef {
  const traces = (maxUse: number) => trn('traces', 'S', maxUse, ['1'], 'R');
  const dependent = loop('2000D', 'dependents', 'S', UNBOUNDED, [hl(['23']), traces(2), memberName270('2100D', '2110D')]);
  const subscriber = loop('2000C', 'subscribers', 'R', UNBOUNDED, [hl(['22']), traces(2), memberName270('2100C', '2110C'), dependent]);
  const named: NameParts = ['R', 'S', 'S', 'N', 'S'];
  const receiver = loop('2000B', 'receivers', 'R', UNBOUNDED, [
    hl(['21']),
    loop('2100B', 'receiver', 'R', 1, [
      nm1('name', RECEIVER_CODES, 'R', 1, { idQualifiers: RECEIVER_ID_QUALIFIERS, names: named, id: 'R', related: false }),
      ref271(REF_271['2100B']),
      n3(),
      n4('S', { location: false }),
      prv271(PROVIDER_CODES_271),
    ]),
    subscriber,
  ]);
  const source = loop('2000A', 'sources', 'R', UNBOUNDED, [
    hl(['20']),
    loop('2100A', 'source', 'R', 1, [
      nm1('name', SOURCE_CODES, 'R', 1, { idQualifiers: SOURCE_ID_QUALIFIERS, names: named, id: 'R', related: false }),
    ]),
    receiver,
  ]);
  return {
    id: '270',
    version: '005010X279A1',
    functionalId: 'HS',
    name: 'Eligibility, Coverage or Benefit Inquiry',
    root: loop('ST', 'transaction', 'R', 1, [st('270'), bht('0022', ['01', '13'], ['RT'], 'S'), source, se]),
  };
}

/**
 * The 271, element by element from pyx12's 271.5010.X279.A1.v2.xml. Below the source, every level
 * is situational: a 271 that rejects the request at source level (AAA in 2000A or 2100A) carries no
 * receiver, one that rejects it at receiver level (AAA in 2100B) no subscriber.
 */
function build271(): TransactionSetDef {
  const traces = trn('traces', 'S', 3, ['1', '2'], 'R');
  const dependent = loop('2000D', 'dependents', 'S', UNBOUNDED, [hl(['23']), traces, memberName271('2100D', '2110D')]);
  const subscriber = loop('2000C', 'subscribers', 'S', UNBOUNDED, [hl(['22']), traces, memberName271('2100C', '2110C'), dependent]);
  const receiver = loop('2000B', 'receivers', 'S', UNBOUNDED, [
    hl(['21']),
    loop('2100B', 'receiver', 'R', 1, [
      nm1('name', RECEIVER_CODES, 'R', 1, { idQualifiers: RECEIVER_ID_QUALIFIERS, names: NAMES_271, id: 'R', related: false }),
      ref271(REF_271['2100B']),
      n3(),
      n4('S', { location: false }),
      aaa271('2100B'),
      prv271(PROVIDER_CODES_271),
    ]),
    subscriber,
  ]);
  const source = loop('2000A', 'sources', 'R', UNBOUNDED, [
    hl(['20']),
    aaa271('2000A'),
    loop('2100A', 'source', 'R', 1, [
      nm1('name', SOURCE_CODES, 'R', 1, { idQualifiers: SOURCE_ID_QUALIFIERS, names: ['R', 'S', 'S', 'N', 'S'], id: 'R', related: false }),
      per('contacts', 'S', 3, { functions: ['IC'], numberQualifiers: ['ED', 'EM', 'EX', 'FX', 'TE', 'UR'] }),
      aaa271('2100A'),
    ]),
    receiver,
  ]);
  return {
    id: '271',
    version: '005010X279A1',
    functionalId: 'HB',
    name: 'Eligibility, Coverage or Benefit Information',
    root: loop('ST', 'transaction', 'R', 1, [st('271'), bht('0022', ['06', '11'], false), source, se]),
  };
}

/** 270 eligibility inquiry. */
export const TS270 = build270();
/** 271 eligibility response. */
export const TS271 = build271();
