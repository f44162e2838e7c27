/** 270/271 eligibility inquiry and response, 005010X279A1, as data. */
import { composite, el, fixed, loop, seg, unused, UNBOUNDED, withSyntax } from '#functions/x12/schema.ts';
import type { LoopDef, SegmentDef, TransactionSetDef } from '#functions/x12/schema.ts';
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
  se,
  st,
  trn,
} from './common.ts';

const SOURCE_CODES = ['2B', '36', 'GP', 'P5', 'PR'];
const RECEIVER_CODES = ['1P', '2B', '36', '80', 'FA', 'GP', 'P5', 'PR'];
/** NM108 of the information source (2100A) and receiver (2100B). */
const SOURCE_ID_QUALIFIERS = ['24', '46', 'FI', 'NI', 'PI', 'XV', 'XX'];
const RECEIVER_ID_QUALIFIERS = ['24', '34', '46', 'FI', 'PI', 'PP', 'SV', 'XV', 'XX'];
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
  '346',
  '347',
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

const ins = withSyntax(
  seg('INS', 'memberRelationship', 'S', 1, [
    el('insuredIndicator', 'ID', 'R', 1, 1, { codes: ['Y', 'N'] }),
    el('relationshipCode', 'ID', 'R', 2, 2),
    el('maintenanceTypeCode', 'ID', 'S', 3, 3),
    el('maintenanceReasonCode', 'ID', 'S', 2, 3),
    unused,
    unused,
    unused,
    unused,
    el('studentStatus', 'ID', 'S', 1, 1),
    unused,
    unused,
    unused,
    unused,
    unused,
    unused,
    unused,
    el('birthSequenceNumber', 'AN', 'S', 1, 9),
  ]),
  INS_SYNTAX,
);

const hi = seg('HI', 'diagnoses', 'S', 1, [
  composite('code1', 'R', [el('qualifier', 'ID', 'R', 1, 3), el('code', 'AN', 'R', 1, 30)]),
  ...[2, 3, 4, 5, 6, 7, 8].map((n) => composite(`code${n}`, 'S', [el('qualifier', 'ID', 'R', 1, 3), el('code', 'AN', 'R', 1, 30)])),
]);

/** MPI: the date format (MPI06) and the service period (MPI07) as a pair. */
const mpi = withSyntax(
  seg('MPI', 'militaryPersonnel', 'S', 1, [
    el('informationStatus', 'ID', 'R', 1, 1),
    el('employmentStatus', 'ID', 'R', 2, 2),
    el('governmentServiceAffiliation', 'ID', 'R', 1, 1),
    el('description', 'AN', 'S', 1, 80),
    el('serviceRank', 'ID', 'S', 2, 2),
    el('dateFormat', 'ID', 'S', 2, 3),
    el('datePeriod', 'AN', 'S', 1, 35),
  ]),
  ['P0607'],
);

/** EB eligibility or benefit information. */
/** EB01 eligibility or benefit information codes of X279A1. */
const BENEFIT_CODES = [...'12345678ABCDEFGHIJKLMNOPQRSTUVWXY'.split(''), 'CB', 'MC'];
const eb = withSyntax(
  seg('EB', 'benefit', 'R', 1, [
    el('benefitCode', 'ID', 'R', 1, 2, { codes: BENEFIT_CODES }),
    el('coverageLevel', 'ID', 'S', 3, 3, {
      codes: ['CHD', 'DEP', 'E1D', 'E2D', 'E3D', 'E5D', 'E6D', 'E7D', 'E8D', 'E9D', 'ECH', 'EMP', 'ESP', 'FAM', 'IND', 'SPC', 'SPO', 'TWO'],
    }),
    el('serviceTypes', 'ID', 'S', 1, 2, { repeat: 99 }),
    el('insuranceType', 'ID', 'S', 1, 3),
    el('planCoverageDescription', 'AN', 'S', 1, 50),
    el('timePeriod', 'ID', 'S', 1, 2),
    el('amountCents', '$', 'S', 1, 18),
    el('percent', 'R', 'S', 1, 10),
    el('quantityQualifier', 'ID', 'S', 2, 2),
    el('quantity', 'R', 'S', 1, 15),
    el('authorizationRequired', 'ID', 'S', 1, 1, { codes: ['N', 'U', 'Y'] }),
    el('inPlanNetwork', 'ID', 'S', 1, 1, { codes: ['N', 'U', 'W', 'Y'] }),
    procedure('procedure', 'S', ['AD', 'CJ', 'HC', 'ID', 'IV', 'N4', 'ZZ']),
    composite('diagnosisPointer', 'S', [
      el('pointer1', 'N0', 'R', 1, 2),
      el('pointer2', 'N0', 'S', 1, 2),
      el('pointer3', 'N0', 'S', 1, 2),
      el('pointer4', 'N0', 'S', 1, 2),
    ]),
  ]),
  // The quantity qualifier (EB09) and the quantity (EB10) as a pair.
  ['P0910'],
);

const hsd = withSyntax(
  seg('HSD', 'deliveries', 'S', 9, [
    el('quantityQualifier', 'ID', 'S', 2, 2),
    el('quantity', 'R', 'S', 1, 15),
    el('unitBasis', 'ID', 'S', 2, 2),
    el('sampleSelectionModulus', 'R', 'S', 1, 6),
    el('timePeriodQualifier', 'ID', 'S', 1, 2),
    el('periodCount', 'N0', 'S', 1, 3),
    el('deliveryFrequency', 'ID', 'S', 1, 1),
    el('deliveryPattern', 'ID', 'S', 1, 1),
  ]),
  HSD_SYNTAX,
);

const msg = withSyntax(seg('MSG', 'messages', 'S', 10, [el('text', 'AN', 'R', 1, 264)]), MSG_SYNTAX);

const iii = withSyntax(
  seg('III', 'placeOfService', 'R', 1, [
    el('qualifier', 'ID', 'R', 1, 3),
    el('code', 'AN', 'R', 1, 30),
    el('categoryCode', 'ID', 'S', 2, 2),
    el('text', 'AN', 'S', 1, 264),
  ]),
  III_SYNTAX,
);

function benefitLoop(id: string): LoopDef {
  return loop(id, 'benefits', 'S', UNBOUNDED, [
    eb,
    hsd,
    ref('references', 'S', 9),
    dtp('dates', 'S', 20, BENEFIT_DATES),
    aaa(),
    msg,
    loop(`${id.slice(0, 3)}5${id.slice(4)}`, 'additionalInformation', 'S', 10, [iii]),
    seg('LS', 'loopStart', 'S', 1, [fixed('2120', 'AN')]),
    loop(`${id.slice(0, 2)}20${id.slice(4)}`, 'relatedEntities', 'S', 23, [
      nm1(
        'name',
        [
          '13',
          '1I',
          '1P',
          '2B',
          '36',
          '71',
          '72',
          '73',
          '74',
          '75',
          '76',
          '80',
          'FA',
          'GP',
          'GW',
          'I3',
          'IL',
          'LR',
          'OC',
          'P3',
          'P4',
          'P5',
          'PR',
          'PRP',
          'SEP',
          'TTP',
          'VER',
          'VN',
          'VY',
          'X3',
          'Y2',
        ],
        'R',
        1,
        { idQualifiers: RELATED_ENTITY_ID_QUALIFIERS },
      ),
      n3(),
      n4(),
      per('contacts', 'S', 3),
      prv(),
    ]),
    seg('LE', 'loopEnd', 'S', 1, [fixed('2120', 'AN')]),
  ]);
}

function eqLoop(id: string): LoopDef {
  return loop(id, 'inquiries', 'S', 99, [
    withSyntax(
      seg('EQ', 'inquiry', 'R', 1, [
        el('serviceTypes', 'ID', 'S', 1, 2, { repeat: 99 }),
        procedure('procedure', 'S', ['AD', 'CJ', 'HC', 'ID', 'IV', 'N4', 'ZZ']),
        el('coverageLevel', 'ID', 'S', 3, 3),
        unused,
        composite('diagnosisPointer', 'S', [
          el('pointer1', 'N0', 'R', 1, 2),
          el('pointer2', 'N0', 'S', 1, 2),
          el('pointer3', 'N0', 'S', 1, 2),
          el('pointer4', 'N0', 'S', 1, 2),
        ]),
      ]),
      // A service type (EQ01) or a procedure (EQ02).
      ['R0102'],
    ),
    amt('amounts', 'S', 2),
    withSyntax(seg('III', 'placesOfService', 'S', 10, [el('qualifier', 'ID', 'R', 1, 3), el('code', 'AN', 'R', 1, 30)]), III_SYNTAX),
    ref('references', 'S', 1),
    dtp('dates', 'S', 1, REQUEST_DATES),
  ]);
}

function memberName(id: string, code: string, response: boolean, childId: string): LoopDef {
  const children: SegmentDef[] = [
    nm1('name', [code], 'R', 1, code === 'IL' ? { idQualifiers: ['II', 'MI'] } : {}),
    ref('references', 'S', 9),
    n3(),
    n4(),
  ];
  if (response) children.push(aaa());
  children.push(prv(), dmg(), ins, hi, dtp('dates', 'S', 9, response ? MEMBER_DATES : REQUEST_MEMBER_DATES));
  if (response) children.push(mpi);
  return loop(id, 'member', 'R', 1, [children[0] as SegmentDef, ...children.slice(1), response ? benefitLoop(childId) : eqLoop(childId)]);
}

function build(setId: '270' | '271'): TransactionSetDef {
  const response = setId === '271';
  const sourceExtras: SegmentDef[] = response ? [per('contacts', 'S', 3), aaa()] : [];
  const receiverExtras: SegmentDef[] = response
    ? [ref('references', 'S', 9), n3(), n4(), aaa(), prv()]
    : [ref('references', 'S', 9), n3(), n4(), prv()];
  const dependent = loop('2000D', 'dependents', 'S', UNBOUNDED, [
    hl(['23']),
    trn('traces', 'S', 3),
    memberName('2100D', '03', response, '2110D'),
  ]);
  // Situational here: a 271 that rejects the request at receiver level (AAA in 2100B) carries no subscriber.
  const subscriber = loop('2000C', 'subscribers', response ? 'S' : 'R', UNBOUNDED, [
    hl(['22']),
    trn('traces', 'S', response ? 3 : 2),
    memberName('2100C', 'IL', response, '2110C'),
    dependent,
  ]);
  const receiver = loop('2000B', 'receivers', 'R', UNBOUNDED, [
    hl(['21']),
    loop('2100B', 'receiver', 'R', 1, [nm1('name', RECEIVER_CODES, 'R', 1, { idQualifiers: RECEIVER_ID_QUALIFIERS }), ...receiverExtras]),
    subscriber,
  ]);
  const source = loop('2000A', 'sources', 'R', UNBOUNDED, [
    hl(['20']),
    ...(response ? [aaa()] : []),
    loop('2100A', 'source', 'R', 1, [nm1('name', SOURCE_CODES, 'R', 1, { idQualifiers: SOURCE_ID_QUALIFIERS }), ...sourceExtras]),
    receiver,
  ]);
  return {
    id: setId,
    version: '005010X279A1',
    functionalId: response ? 'HB' : 'HS',
    name: response ? 'Eligibility, Coverage or Benefit Information' : 'Eligibility, Coverage or Benefit Inquiry',
    root: loop('ST', 'transaction', 'R', 1, [
      st(setId),
      bht('0022', response ? ['06', '11'] : ['01', '13', '36'], response ? undefined : ['RT']),
      source,
      se,
    ]),
  };
}

/** 270 eligibility inquiry. */
export const TS270 = build('270');
/** 271 eligibility response. */
export const TS271 = build('271');
