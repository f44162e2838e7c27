/** 835 Health Care Claim Payment/Advice, 005010X221A1, as data. */
import { composite, el, fixed, group, loop, seg, unused, UNBOUNDED, withSyntax, unusedElements } from '#functions/x12/schema.ts';
import type { TransactionSetDef } from '#functions/x12/schema.ts';
import { amt, cas, cur, dtm, DTM_SYNTAX, mia, moa, n3, n4, nm1, per, procedure, qty, ref, REF_VALUE_ONLY, se, st } from './common.ts';
import type { NameParts } from './common.ts';
import { adjustmentReasonsHaveCarcForm, remarksHaveRarcForm } from './adjustment-code-rules.ts';
import { contactsByFunction, qualifiersWithinMaxUse } from './loop-rules.ts';
import type { ContactFunction } from './loop-rules.ts';

/** Qualifier code lists of the 835 guide (X221A1), per position. */
export const CODES_835 = {
  headerRef: ['EV', 'F2'],
  payerRef: ['2U', 'EO', 'HI', 'NF'],
  payeeRef: ['0B', 'D3', 'PQ', 'TJ'],
  claimRef: [
    '1L',
    '1W',
    '28',
    '6P',
    '9A',
    '9C',
    'BB',
    'CE',
    'EA',
    'F8',
    'G1',
    'G3',
    'IG',
    'SY',
    '0B',
    '1A',
    '1B',
    '1C',
    '1D',
    '1G',
    '1H',
    '1J',
    'D3',
    'G2',
    'LU',
  ],
  serviceRef: [
    '1S',
    'APC',
    'BB',
    'E9',
    'G1',
    'G3',
    'LU',
    'RB',
    '6R',
    '0B',
    '1A',
    '1B',
    '1C',
    '1D',
    '1G',
    '1H',
    '1J',
    'D3',
    'G2',
    'HPI',
    'SY',
    'TJ',
    '0K',
  ],
  claimDates: ['036', '050', '232', '233'],
  serviceDates: ['150', '151', '472'],
  claimAmounts: ['AU', 'D8', 'DY', 'F5', 'I', 'NL', 'T', 'T2', 'ZK', 'ZL', 'ZM', 'ZN', 'ZO'],
  serviceAmounts: ['B6', 'KH', 'T', 'T2', 'ZK', 'ZL', 'ZM', 'ZN', 'ZO'],
  claimQuantities: ['CA', 'CD', 'LA', 'LE', 'NE', 'NR', 'OU', 'PS', 'VS', 'ZK', 'ZL', 'ZM', 'ZN', 'ZO'],
  serviceQuantities: ['ZK', 'ZL', 'ZM', 'ZN', 'ZO'],
  claimFiling: ['12', '13', '14', '15', '16', '17', 'AM', 'CH', 'DS', 'HM', 'LM', 'MA', 'MB', 'MC', 'OF', 'TV', 'VA', 'WC', 'ZZ'],
  /** SVC01-1 adjudicated procedure qualifiers, and SVC06-1 submitted procedure qualifiers (no N6 or UI). */
  serviceProduct: ['AD', 'ER', 'HC', 'HP', 'IV', 'N4', 'N6', 'NU', 'UI', 'WK'],
  originalProduct: ['AD', 'ER', 'HC', 'HP', 'IV', 'N4', 'NU', 'WK'],
  /** PLB03-1 (and the following pairs) provider adjustment reason codes. */
  providerAdjustmentReasons: [
    '50',
    '51',
    '72',
    '90',
    'AH',
    'AM',
    'AP',
    'B2',
    'B3',
    'BD',
    'BN',
    'C5',
    'CR',
    'CS',
    'CT',
    'CV',
    'CW',
    'DM',
    'E3',
    'FB',
    'FC',
    'GO',
    'HM',
    'IP',
    'IR',
    'IS',
    'J1',
    'L3',
    'L6',
    'LE',
    'LS',
    'OA',
    'OB',
    'PI',
    'PL',
    'RA',
    'RE',
    'SL',
    'TL',
    'WO',
    'WU',
  ],
  remittanceDelivery: ['BM', 'EM', 'FT', 'OL'],
  dfiQualifiers: ['01', '04'],
  /** NM108 per claim-level NM1. */
  patientIds: ['34', 'HN', 'II', 'MI', 'MR'],
  insuredIds: ['FI', 'II', 'MI'],
  correctedIds: ['C'],
  renderingIds: ['BD', 'BS', 'FI', 'MC', 'PC', 'SL', 'UP', 'XX'],
  payerIds: ['AD', 'FI', 'NI', 'PI', 'PP', 'XV'],
  /** PER03/PER05/PER07 of the 1000A contacts (CX, BL, IC): the union of PAYER_CONTACTS' lists. */
  payerContactNumbers: ['EM', 'EX', 'FX', 'TE', 'UR'],
  /** PER03/PER05/PER07 of the 2100 claim contact (PER03 EM, FX, TE; PER05 adds EX; PER07 EX). */
  claimContactNumbers: ['EM', 'EX', 'FX', 'TE'],
} as const;
const CODES = CODES_835;

/**
 * The 1000A PERs by function, as pyx12's maps and stupidedi's guide agree: the business contact CX
 * (once) and the technical contacts BL with a name and up to three numbers, the web site IC (once)
 * with no name and its address alone (PER03 UR, PER04 required). PER03's lists are narrower than
 * PER05's and PER07's (CX: EM, FX, TE first, EX later); numbers are checked against the function's
 * union, since the model keeps them in order but not at their positions.
 */
const PAYER_CONTACTS: Readonly<Record<string, ContactFunction>> = {
  CX: { name: true, numbers: ['EM', 'EX', 'FX', 'TE'], count: 3, numberRequired: false },
  BL: { name: true, numbers: ['EM', 'EX', 'FX', 'TE', 'UR'], count: 3, numberRequired: false },
  IC: { name: false, numbers: ['UR'], count: 1, numberRequired: true },
};

/** NM103-NM107 of a person or organization named in a claim: the name prefix (NM106) is Not Used. */
const PERSON: NameParts = ['S', 'S', 'S', 'N', 'S'];
/** NM103-NM107 of a payer named in a claim: the organization name alone. */
const PAYER: NameParts = ['R', 'N', 'N', 'N', 'N'];

/** N1's notes: a name (N102) or an id (N103), and the id qualifier (N103) and id (N104) as a pair. */
const N1_SYNTAX = ['R0203', 'P0304'];

/** CLP02 claim status codes, including 22 (reversal of previous payment). */
export const CLAIM_STATUS_CODES = ['1', '2', '3', '4', '19', '20', '21', '22', '23', '25'] as const;

const bpr = withSyntax(
  seg('BPR', 'payment', 'R', 1, [
    el('transactionHandlingCode', 'ID', 'R', 1, 2, { codes: ['C', 'D', 'H', 'I', 'P', 'U', 'X'] }),
    el('totalPaymentCents', '$', 'R', 1, 18),
    el('creditDebitFlag', 'ID', 'R', 1, 1, { codes: ['C', 'D'] }),
    el('paymentMethod', 'ID', 'R', 3, 3, { codes: ['ACH', 'BOP', 'CHK', 'FWT', 'NON'] }),
    el('paymentFormat', 'ID', 'S', 1, 10, { codes: ['CCP', 'CTX'] }),
    el('senderDfiQualifier', 'ID', 'S', 2, 2, { codes: CODES.dfiQualifiers }),
    el('senderDfiId', 'AN', 'S', 3, 12),
    el('senderAccountQualifier', 'ID', 'S', 1, 3, { codes: ['DA'] }),
    el('senderAccountNumber', 'AN', 'S', 1, 35),
    el('originatingCompanyId', 'AN', 'S', 10, 10),
    el('originatingCompanySupplementalCode', 'AN', 'S', 9, 9),
    el('receiverDfiQualifier', 'ID', 'S', 2, 2, { codes: CODES.dfiQualifiers }),
    el('receiverDfiId', 'AN', 'S', 3, 12),
    el('receiverAccountQualifier', 'ID', 'S', 1, 3, { codes: ['DA', 'SG'] }),
    el('receiverAccountNumber', 'AN', 'S', 1, 35),
    el('paymentDate', 'DT', 'R', 8, 8),
  ]),
  ['P0607', 'C0809', 'P1213', 'C1415', 'P1819', 'C2021'],
);

const clp = seg('CLP', 'claim', 'R', 1, [
  el('patientControlNumber', 'AN', 'R', 1, 38),
  el('statusCode', 'ID', 'R', 1, 2, { codes: CLAIM_STATUS_CODES }),
  el('chargeCents', '$', 'R', 1, 18),
  el('paymentCents', '$', 'R', 1, 18),
  el('patientResponsibilityCents', '$', 'S', 1, 18),
  el('claimFilingIndicator', 'ID', 'R', 1, 2, { codes: CODES.claimFiling }),
  el('payerClaimControlNumber', 'AN', 'R', 1, 50),
  el('facilityTypeCode', 'AN', 'S', 1, 2),
  el('frequencyCode', 'ID', 'S', 1, 1),
  unused,
  el('drgCode', 'AN', 'S', 1, 4),
  el('drgWeight', 'R', 'S', 1, 15),
  el('dischargeFraction', 'R', 'S', 1, 10),
]);

const svc = seg('SVC', 'service', 'R', 1, [
  // C003-07 (description) and C003-08 Not Used in SVC01; C003-08 Not Used in SVC06.
  procedure('procedure', 'R', CODES.serviceProduct, { description: false, productId: false }),
  el('chargeCents', '$', 'R', 1, 18),
  el('paymentCents', '$', 'R', 1, 18),
  el('revenueCode', 'AN', 'S', 1, 48),
  el('unitsPaid', 'R', 'S', 1, 15),
  procedure('originalProcedure', 'S', CODES.originalProduct, { productId: false }),
  el('originalUnits', 'R', 'S', 1, 15),
]);

const lq = withSyntax(
  seg('LQ', 'remarks', 'S', 99, [el('codeListQualifier', 'ID', 'R', 1, 3, { codes: ['HE', 'RX'] }), el('code', 'AN', 'R', 1, 30)]),
  ['C0102'],
);

// TS3 as X221A1 lays it out (pyx12 835.5010.X221.A1.xml): TS306-TS312, TS314, TS316 and TS319 Not
// Used; 24 elements, the last TS324 (PIP adjustment). The 4010 blood deductible amount is gone.
const ts3 = seg('TS3', 'providerSummary', 'S', 1, [
  el('providerId', 'AN', 'R', 1, 50),
  el('facilityTypeCode', 'AN', 'R', 1, 2),
  el('fiscalPeriodDate', 'DT', 'R', 8, 8),
  el('claimCount', 'R', 'R', 1, 15),
  el('totalChargeCents', '$', 'R', 1, 18),
  ...unusedElements(7),
  el('totalMsp', '$', 'S', 1, 18),
  unused,
  el('totalNonLabChargeCents', '$', 'S', 1, 18),
  unused,
  el('totalHcpcsReportedChargeCents', '$', 'S', 1, 18),
  el('totalHcpcsPayableCents', '$', 'S', 1, 18),
  unused,
  el('totalProfessionalComponentCents', '$', 'S', 1, 18),
  el('totalMspPatientLiabilityMetCents', '$', 'S', 1, 18),
  el('totalPatientReimbursementCents', '$', 'S', 1, 18),
  el('totalPipClaimCount', 'R', 'S', 1, 15),
  el('totalPipAdjustmentCents', '$', 'S', 1, 18),
]);

const ts2Names = [
  'totalDrgCents',
  'totalFederalSpecificCents',
  'totalHospitalSpecificCents',
  'totalDisproportionateShareCents',
  'totalCapitalCents',
  'totalIndirectMedicalEducationCents',
  'totalOutlierDayCount',
  'totalDayOutlierCents',
  'totalCostOutlierCents',
  'averageDrgLengthOfStay',
  'totalDischargeCount',
  'totalCostReportDayCount',
  'totalCoveredDayCount',
  'totalNoncoveredDayCount',
  'totalMspPassThroughCents',
  'averageDrgWeight',
  'totalPpsCapitalFspDrgCents',
  'totalPpsCapitalHspDrgCents',
  'totalPpsDshDrgCents',
];
const ts2 = seg(
  'TS2',
  'providerSupplementalSummary',
  'S',
  1,
  ts2Names.map((n) => (n.endsWith('Cents') ? el(n, '$', 'S', 1, 18) : el(n, 'R', 'S', 1, 15))),
);

const plb = withSyntax(
  seg('PLB', 'providerAdjustments', 'S', UNBOUNDED, [
    el('providerId', 'AN', 'R', 1, 50),
    el('fiscalPeriodDate', 'DT', 'R', 8, 8),
    group('adjustments', 6, 1, [
      composite('reason', 'R', [
        el('code', 'ID', 'R', 2, 2, { codes: CODES.providerAdjustmentReasons }),
        el('referenceId', 'AN', 'S', 1, 50),
      ]),
      el('amountCents', '$', 'R', 1, 18),
    ]),
  ]),
  ['P0506', 'P0708', 'P0910', 'P1112', 'P1314'],
);

const serviceLoop = loop(
  '2110',
  'services',
  'S',
  999,
  [
    svc,
    dtm('dates', 'S', 2, CODES.serviceDates, { dateOnly: true }),
    cas('adjustments'),
    ref('references', 'S', 24, CODES.serviceRef, REF_VALUE_ONLY),
    amt('amounts', 'S', 9, CODES.serviceAmounts, { creditDebit: false }),
    qty('quantities', 'S', 6, CODES.serviceQuantities),
    lq,
  ],
  [adjustmentReasonsHaveCarcForm, remarksHaveRarcForm],
);

const claimLoop = loop(
  '2100',
  'claims',
  'R',
  UNBOUNDED,
  [
    clp,
    cas('adjustments'),
    // Every claim NM1 (pyx12's map): NM106 (prefix) and NM110-NM112 Not Used; the insured, the
    // rendering provider and the two payers are identified (NM108/NM109 required); a payer is
    // named by NM103 alone (required, NM104-NM107 Not Used).
    nm1('patient', ['QC'], 'R', 1, { entityTypes: ['1'], idQualifiers: CODES.patientIds, names: PERSON, related: false }),
    nm1('insured', ['IL'], 'S', 1, { idQualifiers: CODES.insuredIds, names: PERSON, id: 'R', related: false }),
    nm1('correctedPatient', ['74'], 'S', 1, { idQualifiers: CODES.correctedIds, names: PERSON, related: false }),
    nm1('renderingProvider', ['82'], 'S', 1, { idQualifiers: CODES.renderingIds, names: PERSON, id: 'R', related: false }),
    nm1('crossoverCarrier', ['TT'], 'S', 1, { entityTypes: ['2'], idQualifiers: CODES.payerIds, names: PAYER, id: 'R', related: false }),
    nm1('correctedPriorityPayer', ['PR'], 'S', 1, {
      entityTypes: ['2'],
      idQualifiers: CODES.payerIds,
      names: PAYER,
      id: 'R',
      related: false,
    }),
    nm1('otherSubscriber', ['GB'], 'S', 1, { idQualifiers: CODES.insuredIds, names: PERSON, related: false }),
    mia(),
    moa(),
    ref('references', 'S', 15, CODES.claimRef, REF_VALUE_ONLY),
    dtm('dates', 'S', 4, CODES.claimDates, { dateOnly: true }),
    // Claim contact: PER*CX with a number (PER03/PER04 required).
    per('contacts', 'S', 2, { functions: ['CX'], numberQualifiers: CODES.claimContactNumbers, firstNumberRequired: true }),
    amt('amounts', 'S', 13, CODES.claimAmounts, { creditDebit: false }),
    qty('quantities', 'S', 14, CODES.claimQuantities),
    serviceLoop,
  ],
  [adjustmentReasonsHaveCarcForm, remarksHaveRarcForm],
);

/** The 835 definition. Its model type is {@link Remittance835} in types835.ts. */
export const TS835: TransactionSetDef = {
  id: '835',
  version: '005010X221A1',
  functionalId: 'HP',
  name: 'Health Care Claim Payment/Advice',
  root: loop('ST', 'transaction', 'R', 1, [
    st('835', 'N'), // ST03 is Not Used in X221A1
    bpr,
    seg('TRN', 'trace', 'R', 1, [
      el('traceType', 'ID', 'R', 1, 2, { codes: ['1'] }),
      el('checkOrEftNumber', 'AN', 'R', 1, 50),
      el('originatorId', 'AN', 'R', 10, 10),
      el('originatorSupplementalId', 'AN', 'S', 1, 50),
    ]),
    cur(['PR']),
    ref('references', 'S', 2, CODES.headerRef, REF_VALUE_ONLY),
    // The production date carries DTM's notes like every DTM (X221A1): with DTM02 required they always hold here.
    withSyntax(
      seg('DTM', 'productionDate', 'S', 1, [fixed('405'), el('date', 'DT', 'R', 8, 8)], { element: 1, codes: ['405'] }),
      DTM_SYNTAX,
    ),
    loop(
      '1000A',
      'payer',
      'R',
      1,
      [
        withSyntax(
          seg(
            'N1',
            'name',
            'R',
            1,
            [fixed('PR'), el('name', 'AN', 'R', 1, 60), el('idQualifier', 'ID', 'S', 1, 2, { codes: ['XV'] }), el('id', 'AN', 'S', 2, 80)],
            { element: 1, codes: ['PR'] },
          ),
          N1_SYNTAX,
        ),
        // The guide requires N3 and N4 here (pyx12 835.5010.X221.A1.xml usage R), and every 835 of
        // the corpus carries both. It also requires a PER*BL, which is not checked: it is missing from
        // every X221A1 TR3 example in LinuxForHealth-x12 (the five of src/tests/resources/835_005010X221A1
        // and demo-file/demo.835), and rejecting the guide's own examples would be worse.
        n3('R'),
        n4('R', { location: false }),
        ref('references', 'S', 4, CODES.payerRef, REF_VALUE_ONLY),
        // PER*CX business contact (1), PER*BL technical contacts (>1), PER*IC web site (1): one PER
        // definition for the three (the union of their lists), each function's own by the loop's rules.
        per('contacts', 'S', UNBOUNDED, { functions: Object.keys(PAYER_CONTACTS), numberQualifiers: CODES.payerContactNumbers }),
      ],
      [qualifiersWithinMaxUse('contacts', 'PER', { CX: 1, IC: 1 }), contactsByFunction('contacts', PAYER_CONTACTS)],
    ),
    loop('1000B', 'payee', 'R', 1, [
      withSyntax(
        seg(
          'N1',
          'name',
          'R',
          1,
          [
            fixed('PE'),
            el('name', 'AN', 'R', 1, 60),
            el('idQualifier', 'ID', 'R', 1, 2, { codes: ['FI', 'XV', 'XX'] }),
            el('id', 'AN', 'R', 2, 80),
          ],
          { element: 1, codes: ['PE'] },
        ),
        N1_SYNTAX,
      ),
      n3('S'),
      n4('S', { location: false }),
      ref('references', 'S', UNBOUNDED, CODES.payeeRef, REF_VALUE_ONLY),
      seg('RDM', 'remittanceDelivery', 'S', 1, [
        el('method', 'ID', 'R', 1, 2, { codes: CODES.remittanceDelivery }),
        el('name', 'AN', 'S', 1, 60),
        el('communicationNumber', 'AN', 'S', 1, 256),
      ]),
    ]),
    // A CLP without its LX is read under an implied 2000 (and reported), not dropped.
    {
      ...loop('2000', 'headers', 'S', UNBOUNDED, [
        seg('LX', 'header', 'R', 1, [el('assignedNumber', 'N0', 'R', 1, 6)]),
        ts3,
        ts2,
        claimLoop,
      ]),
      impliable: true,
    },
    plb,
    se,
  ]),
};
