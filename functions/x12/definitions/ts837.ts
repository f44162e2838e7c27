/** 837P (005010X222A1) and 837I (005010X223A2) claims, as data: one builder, two variants. */
import { asList, composite, computed, el, group, loop, seg, unused, UNBOUNDED, withSyntax, unusedElements } from '#functions/x12/schema.ts';
import type { ElementDef, LoopDef, SegmentDef, TransactionSetDef } from '#functions/x12/schema.ts';
import {
  chargeIsSumOfLines,
  correctedClaimNeedsF8,
  healthCareCodesByKind,
  lineAdjudicationBalances,
  priorPayerBalances,
} from './ts837-rules.ts';
import type { HealthCareCodeKind } from './ts837-rules.ts';
import { conditionCodes, conditionsByCategory, qualifiersWithinMaxUse } from './loop-rules.ts';
import type { ConditionCategory } from './loop-rules.ts';
import { adjustmentReasonsHaveCarcForm, remarksHaveRarcForm } from './adjustment-code-rules.ts';
import {
  ADJUSTMENT_GROUP_CODES,
  amt,
  bht,
  cas,
  cr1,
  crc,
  cur,
  dmg,
  dtp,
  hcp,
  hl,
  mia,
  moa,
  n3,
  n4,
  nm1,
  per,
  procedure,
  prv,
  qty,
  ref,
  REF_VALUE_ONLY,
  se,
  st,
  type NameParts,
  SV1_SYNTAX,
  SV2_SYNTAX,
} from './common.ts';

type Variant = 'P' | 'I';

/**
 * CAS01 of the 837 (2320, 2430): CR (correction and reversal) beside CO, OA, PI, PR, in pyx12's
 * X222A1 map (both copies of 2320 and 2430), stupidedi's X222 guide and pyx12's X223A2 map; a
 * secondary claim passes on the prior payer's CR adjustments.
 */
const ADJUSTMENT_GROUP_CODES_837 = [...ADJUSTMENT_GROUP_CODES, 'CR'];

/** CLM05-3 claim frequency: 1 original, 7 replacement (corrected), 8 void; 7 and 8 need REF*F8. */
export const FREQUENCY_CODES = ['0', '1', '2', '3', '4', '5', '7', '8'] as const;

/**
 * 837P SBR code lists where pyx12's 837.5010.X222.A1.xml and stupidedi's X222-HC837.rb agree: SBR05
 * insurance type and SBR09 claim filing indicator (2000B and 2320), and SBR02 18 (self) in 2000B.
 */
const INSURANCE_TYPES_P = ['12', '13', '14', '15', '16', '41', '42', '43', '47'];
const CLAIM_FILING_INDICATORS_P = [
  ...['11', '12', '13', '14', '15', '16', '17', 'AM', 'BL', 'CH', 'CI', 'DS'],
  ...['FI', 'HM', 'LM', 'MA', 'MB', 'MC', 'OF', 'TV', 'VA', 'WC', 'ZZ'],
];

/**
 * 837P 2320 SBR02 and SBR09: pyx12 lists relationships 22-43 that stupidedi does not, and SBR09 09,
 * 10 and LI where stupidedi has 17, FI and MA: the union of both.
 */
const OTHER_RELATIONSHIPS_P = ['01', '18', '19', '20', '21', '22', '23', '24', '29', '32', '33', '36', '39', '40', '41', '43', '53', 'G8'];
const OTHER_FILING_INDICATORS_P = [...new Set(['09', '10', 'LI', ...CLAIM_FILING_INDICATORS_P])];

/*
 * 837I (X223A2) element usage and code lists, from pyx12's 837Q3.I.5010.X223.A1.v2.xml. SBR: SBR05-SBR08
 * Not Used, SBR09 the 837P's list (the map lists the same codes), 2000B SBR02 18, 2320 SBR02 required
 * from its own list.
 */
const SBR_I = { relationships: ['18'], insuranceTypes: false, filingIndicators: CLAIM_FILING_INDICATORS_P } as const;
const OTHER_SBR_I = {
  relationships: ['01', '18', '19', '20', '21', '39', '40', '53', 'G8'],
  insuranceTypes: false,
  filingIndicators: CLAIM_FILING_INDICATORS_P,
} as const;
/** 2000C PAT01 (837I): the patient's relationship to the subscriber; PAT02-PAT09 Not Used. */
const PATIENT_RELATIONSHIPS_I = ['01', '19', '20', '21', '39', '40', '53', 'G8'];
const patientI = withSyntax(
  seg('PAT', 'patientInfo', 'R', 1, [el('relationshipCode', 'ID', 'R', 2, 2, { codes: PATIENT_RELATIONSHIPS_I }), ...unusedElements(8)]),
  ['P0506', 'P0708'],
);

/**
 * SBR elements; `lists` carries the loop's SBR02 list and the SBR05/SBR09 lists (SBR05 the 837P's
 * insurance types by default; `insuranceTypes: false` marks it Not Used, as the 837I's map does).
 */
const sbrElements = (
  payerUsage: 'R' | 'S',
  lists?: { relationships: readonly string[]; filingIndicators?: readonly string[]; insuranceTypes?: false },
): ElementDef[] => [
  el('payerResponsibility', 'ID', 'R', 1, 1, { codes: ['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H', 'P', 'S', 'T', 'U'] }),
  el('relationshipCode', 'ID', payerUsage, 2, 2, lists ? { codes: lists.relationships } : {}),
  el('groupNumber', 'AN', 'S', 1, 50),
  el('groupName', 'AN', 'S', 1, 60),
  lists?.insuranceTypes === false ? unused : el('insuranceTypeCode', 'ID', 'S', 1, 3, lists ? { codes: INSURANCE_TYPES_P } : {}),
  ...unusedElements(3),
  el('claimFilingIndicator', 'ID', 'S', 1, 2, lists ? { codes: lists.filingIndicators ?? CLAIM_FILING_INDICATORS_P } : {}),
];

/**
 * PAT: date of death (PAT05 format, PAT06 date) and weight (PAT07 unit, PAT08 weight) each in pairs.
 * `relationship: 'N'` is the 837P 2000B PAT, whose PAT01 is Not Used (the subscriber is the patient
 * there); `lists` the 837P's PAT05 D8, PAT07 01 and PAT09 Y (both sources agree).
 */
const pat = (usage: 'R' | 'S', relationship: 'R' | 'S' | 'N', lists = false) =>
  withSyntax(
    seg('PAT', 'patientInfo', usage, 1, [
      relationship === 'N' ? unused : el('relationshipCode', 'ID', relationship, 2, 2),
      ...unusedElements(3),
      el('dateFormat', 'ID', 'S', 2, 3, lists ? { codes: ['D8'] } : {}),
      el('deathDate', 'AN', 'S', 1, 35),
      el('weightUnit', 'ID', 'S', 2, 2, lists ? { codes: ['01'] } : {}),
      el('weight', 'R', 'S', 1, 10),
      el('pregnancyIndicator', 'ID', 'S', 1, 1, lists ? { codes: ['Y'] } : {}),
    ]),
    ['P0506', 'P0708'],
  );

/**
 * HI health care codes: diagnoses (ABK/ABF, BK/BF), procedures (BBR/BBQ), occurrence, value and
 * condition codes. The guides print one HI segment per kind (principal diagnosis, other diagnoses,
 * condition codes...); the definition reads them as one generic HI (model `healthCareCodes`, which
 * writers and submission code share), with the union of the variant's qualifiers at every HI0n-01
 * and the kinds checked by the claim's `healthCareCodesByKind` rule (HI_KINDS_P / HI_KINDS_I).
 * 837P: every kind carries a qualifier and a code alone (HI0n-03 to HI0n-09 Not Used in pyx12's
 * 837.5010.X222.A1.xml and stupidedi's X222-HC837.rb alike).
 */
function hi(variant: Variant): SegmentDef {
  const kinds = variant === 'P' ? HI_KINDS_P : HI_KINDS_I;
  const qualifiers = [...new Set(kinds.flatMap((k) => [...k.first, ...k.rest]))];
  const p = variant === 'P';
  return seg('HI', 'healthCareCodes', 'S', 24, [
    group('codes', 12, 1, [
      composite('code', 'R', [
        el('qualifier', 'ID', 'R', 1, 3, { codes: qualifiers }),
        el('code', 'AN', 'R', 1, 30),
        p ? unused : el('dateFormat', 'ID', 'S', 2, 3),
        p ? unused : el('date', 'AN', 'S', 1, 35),
        p ? unused : el('amountCents', '$', 'S', 1, 18),
        // HI0n-06 to -08 Not Used in every kind of both guides.
        ...unusedElements(3),
        // HI0n-09, X223A2: N, U, W, Y (an exempt diagnosis carries none; 4010's 1 is gone).
        p ? unused : el('presentOnAdmission', 'ID', 'S', 1, 1, { codes: ['N', 'U', 'W', 'Y'] }),
      ]),
    ]),
  ]);
}

/**
 * 837P HI kinds, from pyx12's 837.5010.X222.A1.xml and stupidedi's X222-HC837.rb, which agree but for
 * the condition HI's max use (pyx12 2, stupidedi 1: 2 kept): the principal diagnosis (required, HI01
 * ABK or BK, HI02-HI12 other diagnoses ABF or BF), the anesthesia related procedure (HI01 BP, HI02 BO)
 * and condition information (BG).
 */
const HI_KINDS_P: readonly [HealthCareCodeKind, ...HealthCareCodeKind[]] = [
  { name: 'principal diagnosis', first: ['ABK', 'BK'], rest: ['ABF', 'BF'], maxCodes: 12, maxSegments: 1 },
  { name: 'anesthesia related procedure', first: ['BP'], rest: ['BO'], maxCodes: 2, maxSegments: 1 },
  { name: 'condition information', first: ['BG'], rest: ['BG'], maxCodes: 12, maxSegments: 2 },
];

/**
 * 837I HI kinds (X223A2), from pyx12's 837Q3.I.5010.X223.A1.v2.xml: the principal diagnosis
 * (required, ABK or BK alone), admitting diagnosis (alone), patient's reason for visit (up to 3),
 * external cause of injury (one HI), DRG (alone), principal procedure (alone); other diagnoses,
 * other procedures, occurrence spans, occurrences, values, conditions and treatment codes up to 2
 * HIs each. Each kind's parts: procedures and occurrences a D8 date, occurrence spans an RD8 range
 * (HI0n-03/-04 required), values an amount (HI0n-05 required), the principal, other and external
 * cause diagnoses a present-on-admission indicator (HI0n-09 situational: N, U, W, Y; an exempt
 * diagnosis, our claims' 1, is written without one); HI0n-06 to -08 Not Used.
 */
const POA = { presentOnAdmission: true } as const;
const NONE = {} as const;
const HI_KINDS_I: readonly [HealthCareCodeKind, ...HealthCareCodeKind[]] = [
  { name: 'principal diagnosis', first: ['ABK', 'BK'], rest: [], maxCodes: 1, maxSegments: 1, parts: POA },
  { name: 'admitting diagnosis', first: ['ABJ', 'BJ'], rest: [], maxCodes: 1, maxSegments: 1, parts: NONE },
  { name: "patient's reason for visit", first: ['APR', 'PR'], rest: ['APR', 'PR'], maxCodes: 3, maxSegments: 1, parts: NONE },
  { name: 'external cause of injury', first: ['ABN', 'BN'], rest: ['ABN', 'BN'], maxCodes: 12, maxSegments: 1, parts: POA },
  { name: 'diagnosis related group', first: ['DR'], rest: [], maxCodes: 1, maxSegments: 1, parts: NONE },
  { name: 'other diagnosis', first: ['ABF', 'BF'], rest: ['ABF', 'BF'], maxCodes: 12, maxSegments: 2, parts: POA },
  { name: 'principal procedure', first: ['BBR', 'BR', 'CAH'], rest: [], maxCodes: 1, maxSegments: 1, parts: { date: 'D8' } },
  { name: 'other procedure', first: ['BBQ', 'BQ'], rest: ['BBQ', 'BQ'], maxCodes: 12, maxSegments: 2, parts: { date: 'D8' } },
  { name: 'occurrence span', first: ['BI'], rest: ['BI'], maxCodes: 12, maxSegments: 2, parts: { date: 'RD8' } },
  { name: 'occurrence', first: ['BH'], rest: ['BH'], maxCodes: 12, maxSegments: 2, parts: { date: 'D8' } },
  { name: 'value', first: ['BE'], rest: ['BE'], maxCodes: 12, maxSegments: 2, parts: { amount: true } },
  { name: 'condition', first: ['BG'], rest: ['BG'], maxCodes: 12, maxSegments: 2, parts: NONE },
  { name: 'treatment code', first: ['TC'], rest: ['TC'], maxCodes: 12, maxSegments: 2, parts: NONE },
];

/**
 * 837P CLM code lists. pyx12's 837.5010.X222.A1.xml holds two copies of 2300: the one under 2000B
 * still carries the lists of the 4010 map it came from (its header names 837.4010.X098.A1: CLM07 P,
 * CLM09 A/M/N/O, CLM10 B/C/M/S, CLM11 AP, CLM12 01/07/08, CLM16 situational), the one under 2000C
 * the 5010 lists, which stupidedi's X222-HC837.rb gives too and which are kept: CLM07 A, B, C; CLM08
 * N, W, Y; CLM09 I, Y; CLM10 P; CLM11-1/-2 AA, EM, OA and CLM11-3 Not Used; CLM12 02, 03, 05, 09;
 * CLM16 Not Used; CLM20 1-11 and 15. In the corpus, CLM10 B, C and S appear in 4010 files only.
 */
const CLM_P = {
  release: ['I', 'Y'],
  signatureSource: ['P'],
  relatedCauses: ['AA', 'EM', 'OA'],
  specialPrograms: ['02', '03', '05', '09'],
  delayReasons: ['1', '2', '3', '4', '5', '6', '7', '8', '9', '10', '11', '15'],
} as const;

function clm(variant: Variant): SegmentDef {
  const p = variant === 'P';
  const list = (codes: readonly string[]) => (p ? { codes } : {});
  const facility = composite('facility', 'R', [
    el(variant === 'P' ? 'placeOfService' : 'facilityTypeCode', 'AN', 'R', 1, 2),
    el('qualifier', 'ID', 'R', 1, 2, { codes: variant === 'P' ? ['B'] : ['A'] }),
    el('frequencyCode', 'ID', 'R', 1, 1, { codes: FREQUENCY_CODES }),
  ]);
  return seg('CLM', 'claim', 'R', 1, [
    el('patientControlNumber', 'AN', 'R', 1, 38),
    el('totalChargeCents', '$', 'R', 1, 18),
    unused,
    unused,
    facility,
    el('providerSignature', 'ID', variant === 'P' ? 'R' : 'S', 1, 1, { codes: ['N', 'Y'] }),
    el('assignmentParticipation', 'ID', 'R', 1, 1, { codes: ['A', 'B', 'C'] }),
    el('benefitsAssignment', 'ID', 'R', 1, 1, { codes: ['N', 'W', 'Y'] }),
    el('releaseOfInformation', 'ID', 'R', 1, 1, { codes: ['I', 'Y'] }),
    // 837I: CLM10-CLM12 Not Used (pyx12's X223A2 map). CLM06 stays situational there although the map
    // marks it Not Used: every public X223 TR3 example (LinuxForHealth's 837_005010X223A3 files) sends CLM06 Y.
    p ? el('patientSignatureSource', 'ID', 'S', 1, 1, list(CLM_P.signatureSource)) : unused,
    p
      ? composite('relatedCauses', 'S', [
          el('code1', 'ID', 'R', 2, 3, list(CLM_P.relatedCauses)),
          el('code2', 'ID', 'S', 2, 3, list(CLM_P.relatedCauses)),
          unused,
          el('stateCode', 'ID', 'S', 2, 2),
          el('countryCode', 'ID', 'S', 2, 3),
        ])
      : unused,
    p ? el('specialProgramCode', 'ID', 'S', 2, 3, list(CLM_P.specialPrograms)) : unused,
    ...unusedElements(7),
    el('delayReasonCode', 'ID', 'S', 1, 2, { codes: CLM_P.delayReasons }),
  ]);
}

/** 837P 2300 NTE01: ADD, CER, DCP, DGN, TPO in both sources, and pyx12's PMT. */
const claimNoteP = seg('NTE', 'notes', 'S', 10, [
  el('referenceCode', 'ID', 'R', 3, 3, { codes: ['ADD', 'CER', 'DCP', 'DGN', 'PMT', 'TPO'] }),
  el('text', 'AN', 'R', 1, 80),
]);
/**
 * 837I 2300 NTE (pyx12's X223A2 map): up to 10 claim notes (ALG ... UPI) and one billing note (ADD),
 * one list here, so 11 at most (10 rejected a valid file).
 */
const claimNoteI = seg('NTE', 'notes', 'S', 11, [
  el('referenceCode', 'ID', 'R', 3, 3, {
    codes: ['ADD', 'ALG', 'DCP', 'DGN', 'DME', 'MED', 'NTR', 'ODT', 'RHB', 'RLH', 'RNH', 'SET', 'SFM', 'SPT', 'UPI'],
  }),
  el('text', 'AN', 'R', 1, 80),
]);
/**
 * 837P 2300 PWK: PWK01 the union of stupidedi's list and pyx12's (77 besides), PWK02 AA, BM, EL, EM,
 * FX and stupidedi's FT (the DMERC codes AB-NS are the line's PWK*CT).
 */
const claimAttachmentP = withSyntax(
  seg('PWK', 'attachments', 'S', 10, [
    el('reportType', 'ID', 'R', 2, 2, {
      codes: [
        ...['03', '04', '05', '06', '07', '08', '09', '10', '11', '13', '15', '21', '77', 'A3', 'A4', 'AM', 'AS', 'B2', 'B3', 'B4'],
        ...['BR', 'BS', 'BT', 'CB', 'CK', 'CT', 'D2', 'DA', 'DB', 'DG', 'DJ', 'DS', 'EB', 'HC', 'HR', 'I5', 'IR', 'LA', 'M1', 'MT'],
        ...['NN', 'OB', 'OC', 'OD', 'OE', 'OX', 'OZ', 'P4', 'P5', 'PE', 'PN', 'PO', 'PQ', 'PY', 'PZ', 'RB', 'RR', 'RT', 'RX', 'SG'],
        ...['V5', 'XP'],
      ],
    }),
    el('transmissionCode', 'ID', 'R', 1, 2, { codes: ['AA', 'BM', 'EL', 'EM', 'FT', 'FX'] }),
    unused,
    unused,
    el('idQualifier', 'ID', 'S', 1, 2, { codes: ['AC'] }),
    el('controlNumber', 'AN', 'S', 2, 80),
  ]),
  ['P0506'],
);
/**
 * 837I 2300 and 2400 PWK (pyx12's X223A2 map): the 837P's claim list without 77, PWK02 AA, BM, EL, EM,
 * FT, FX, PWK05 AC.
 */
const attachmentI = withSyntax(
  seg('PWK', 'attachments', 'S', 10, [
    el('reportType', 'ID', 'R', 2, 2, {
      codes: (claimAttachmentP.elements[0] as ElementDef).codes?.filter((c) => c !== '77') ?? [],
    }),
    el('transmissionCode', 'ID', 'R', 1, 2, { codes: ['AA', 'BM', 'EL', 'EM', 'FT', 'FX'] }),
    unused,
    unused,
    el('idQualifier', 'ID', 'S', 1, 2, { codes: ['AC'] }),
    el('controlNumber', 'AN', 'S', 2, 80),
  ]),
  ['P0506'],
);
/** 837I 2300 CRC: the EPSDT referral alone (ZZ; CRC03 AV, NU, S2, ST; CRC06/CRC07 Not Used), once. */
// A list in the model whatever its max use, as the 837P's CRCs are.
const epsdtReferralI = asList(crc(1, { categories: ['ZZ'], first: ['AV', 'NU', 'S2', 'ST'], count: 3 }));
/** 837I 2300 REF01 with each qualifier's max use (LX, investigational device exemptions, 5; the others 1). */
const CLAIM_REFERENCES_I = { '4N': 1, '9F': 1, G1: 1, F8: 1, '9A': 1, '9C': 1, LX: 5, D9: 1, LU: 1, EA: 1, P4: 1, G4: 1 };
/** 837I HCP lists; the claim's HCP has no procedure (HCP09/HCP10 Not Used), the line's HCP09 ER, HC, HP, IV, WK. */
const REPRICING_I = {
  methodologies: ['00', '01', '02', '03', '04', '05', '06', '07', '08', '09', '10', '11', '12', '13', '14'],
  unitBases: ['DA', 'UN'],
  rejectReasons: ['T1', 'T2', 'T3', 'T4', 'T5', 'T6'],
  policyCompliance: ['1', '2', '3', '4', '5'],
  exceptions: ['1', '2', '3', '4', '5', '6'],
  revenueCode: true,
} as const;
/** CRC03-CRC07 of an ambulance certification (claim and line): both sources' lists together (pyx12 02, 03, 60; stupidedi 12). */
const AMBULANCE_CONDITIONS = ['01', '02', '03', '04', '05', '06', '07', '08', '09', '12', '60'];
const ANSWERED = ['N', 'Y'];
/**
 * 837P 2300 CRCs by category (CRC01), as pyx12 and stupidedi agree: ambulance certification 07 (up
 * to 3), vision E1-E3 (3) with L1-L5, homebound 75 (1: answered Y, IH alone; stupidedi's copy of this
 * segment repeats the vision categories, a slip), EPSDT referral ZZ (1) with AV, NU, S2, ST.
 */
const CLAIM_CONDITIONS_P: Readonly<Record<string, ConditionCategory>> = {
  '07': { answers: ANSWERED, codes: AMBULANCE_CONDITIONS, count: 5 },
  E1: { answers: ANSWERED, codes: ['L1', 'L2', 'L3', 'L4', 'L5'], count: 5 },
  E2: { answers: ANSWERED, codes: ['L1', 'L2', 'L3', 'L4', 'L5'], count: 5 },
  E3: { answers: ANSWERED, codes: ['L1', 'L2', 'L3', 'L4', 'L5'], count: 5 },
  '75': { answers: ['Y'], codes: ['IH'], count: 1 },
  ZZ: { answers: ANSWERED, codes: ['AV', 'NU', 'S2', 'ST'], count: 3 },
};
/** Max use of each 2300 CRC of the guide: the vision CRC (E1, E2 or E3) is one segment, 3 in all. */
const CLAIM_CONDITION_MAX_USE_P = { '07': 3, 'E1/E2/E3': 3, '75': 1, ZZ: 1 };
const claimConditionsP = crc(8, {
  categories: Object.keys(CLAIM_CONDITIONS_P),
  conditions: conditionCodes(CLAIM_CONDITIONS_P),
});
const cn1 = seg('CN1', 'contract', 'S', 1, [
  el('typeCode', 'ID', 'R', 2, 2, { codes: ['01', '02', '03', '04', '05', '06', '09'] }),
  el('amountCents', '$', 'S', 1, 18),
  el('percent', 'R', 'S', 1, 6),
  el('code', 'AN', 'S', 1, 50),
  el('termsDiscountPercent', 'R', 'S', 1, 6),
  el('versionId', 'AN', 'S', 1, 30),
]);
const cr2 = withSyntax(
  seg('CR2', 'spinalManipulation', 'S', 1, [
    ...unusedElements(7),
    el('conditionCode', 'ID', 'R', 1, 1, { codes: ['A', 'C', 'D', 'E', 'F', 'G', 'M'] }),
    unused,
    el('description1', 'AN', 'S', 1, 80),
    el('description2', 'AN', 'S', 1, 80),
    el('xrayAvailable', 'ID', 'S', 1, 1),
  ]),
  ['P0102', 'C0403', 'P0506'],
);
const cr3 = withSyntax(
  seg('CR3', 'dmeCertification', 'S', 1, [
    el('typeCode', 'ID', 'R', 1, 1, { codes: ['I', 'R', 'S'] }),
    el('unit', 'ID', 'R', 2, 2, { codes: ['MO'] }),
    el('duration', 'R', 'R', 1, 15),
  ]),
  ['P0203'],
);
/**
 * MEA (837P 2400): a value (MEA03), a range (MEA05/06) or a code (MEA08); the ones past MEA03 are Not
 * Used here. MEA01 OG or TR and MEA02 HT, R1-R4 in both sources, with pyx12's GRA and ZO; up to 20
 * (pyx12; stupidedi 5).
 */
const mea = withSyntax(
  seg('MEA', 'measurements', 'S', 20, [
    el('referenceCode', 'ID', 'R', 2, 2, { codes: ['OG', 'TR'] }),
    el('qualifier', 'ID', 'R', 1, 3, { codes: ['GRA', 'HT', 'R1', 'R2', 'R3', 'R4', 'ZO'] }),
    el('value', 'R', 'R', 1, 20),
  ]),
  ['R03050608', 'C0504', 'C0604', 'L07030506', 'E0803'],
);
const form = loop('2440', 'forms', 'S', UNBOUNDED, [
  withSyntax(seg('LQ', 'form', 'R', 1, [el('codeListQualifier', 'ID', 'R', 1, 3), el('code', 'AN', 'R', 1, 30)]), ['C0102']),
  // An answer: a yes/no (FRM02), text (FRM03), a date (FRM04) or a percent (FRM05).
  withSyntax(
    seg('FRM', 'answers', 'R', 99, [
      el('questionNumber', 'AN', 'R', 1, 20),
      el('answer', 'ID', 'S', 1, 1),
      el('text', 'AN', 'S', 1, 50),
      el('date', 'DT', 'S', 8, 8),
      el('percent', 'R', 'S', 1, 6),
    ]),
    ['R02030405'],
  ),
]);
/** K3 file information: fixed-format data a payer's companion guide may ask for (2300, and 2400 of the 837P). */
const k3 = seg('K3', 'fileInformation', 'S', 10, [el('text', 'AN', 'R', 1, 80)]);
/**
 * SV5 durable medical equipment service (837P 2400): length of medical necessity in days, rental and
 * purchase prices. pyx12's map and stupidedi's guide agree: the procedure is HC and a code alone
 * (SV501-03 to SV501-08 Not Used), and SV504-SV506 are required.
 */
const sv5 = seg('SV5', 'dme', 'S', 1, [
  procedure('procedure', 'R', ['HC'], { modifiers: false, description: false, productId: false }),
  el('unitBasis', 'ID', 'R', 2, 2, { codes: ['DA'] }),
  el('lengthOfNeed', 'R', 'R', 1, 15),
  el('rentalPriceCents', '$', 'R', 1, 18),
  el('purchasePriceCents', '$', 'R', 1, 18),
  el('rentalUnitPriceIndicator', 'ID', 'R', 1, 1, { codes: ['1', '4', '6'] }),
]);
/** PS1 purchased service (837P 2400): who performed the purchased service and what it cost. */
const ps1 = seg('PS1', 'purchasedService', 'S', 1, [el('providerId', 'AN', 'R', 1, 50), el('chargeCents', '$', 'R', 1, 18)]);
/**
 * 837I 2300 CL1: required on every claim with its patient status (CL103), in pyx12's X223A2 maps and
 * stupidedi's guide alike; the admission type (CL101) is required in pyx12's, situational in
 * stupidedi's (kept situational: the union); CL104 Not Used.
 */
const cl1 = seg('CL1', 'institutional', 'R', 1, [
  el('admissionTypeCode', 'ID', 'S', 1, 1),
  el('admissionSourceCode', 'ID', 'S', 1, 1),
  el('patientStatusCode', 'ID', 'R', 1, 2),
  unused,
]);

/** DTP01 qualifiers by loop and claim type (X222A1 / X223A2). */
const CLAIM_DATES_P = [
  '431',
  '454',
  '304',
  '453',
  '439',
  '484',
  '455',
  '471',
  '314',
  '360',
  '361',
  '297',
  '296',
  '435',
  '096',
  '090',
  '091',
  '444',
  '050',
  // 438 (similar illness or symptom onset) is in pyx12's map, not in stupidedi's guide.
  '438',
];
const CLAIM_DATES_I = ['096', '434', '435', '050'];
/**
 * 837P 2400 DTP01: stupidedi's list, with what pyx12's map adds (119, 480, 481 oxygen saturation and
 * blood gas tests; 431 onset, 453 acute manifestation, 438 similar illness), which were rejected.
 */
const LINE_DATES_P = [
  '472',
  '471',
  '607',
  '463',
  '461',
  '304',
  '738',
  '739',
  '011',
  '455',
  '454',
  '119',
  '480',
  '481',
  '431',
  '453',
  '438',
];
const LINE_DATES_I = ['472'];
/** 2330B and 2430: the date the other payer adjudicated (paid) the claim or line. */
const ADJUDICATION_DATE = ['573'];
/** NM108 of the provider loops (2310x, 2420x): an NPI; ambulance locations (PW, 45) carry no NM108. */
const PROVIDER_ID_QUALIFIERS = ['XX'];
/** NM108 of a payer (2010BB, 2010AC, 2330B): payer id or CMS plan id. */
const PAYER_ID_QUALIFIERS = ['PI', 'XV'];

const PROVIDER_CODES_P = ['DN', 'P3', '82', '77', 'DQ', 'PW', '45'];
const PROVIDER_CODES_I = ['71', '72', 'ZZ', '82', '77', 'DN'];
/** 837I 2420A-2420D: operating (72), other operating (ZZ), rendering (82), referring (DN). */
const LINE_PROVIDER_CODES_I = ['72', 'ZZ', '82', 'DN'];
/** 837I provider REF01 (2310, 2330C-2330I, 2420): the roles' union. */
const PROVIDER_REFERENCES_I = ['0B', '1G', 'G2', 'LU'];
const LINE_PROVIDER_CODES = ['82', 'QB', '77', 'DQ', 'DK', 'DN', 'P3', 'PW', '45', '72', 'ZZ'];

/*
 * 837P name loops, from pyx12's 837.5010.X222.A1.xml and stupidedi's X222-HC837.rb where they agree
 * (the lenient usage is kept where they differ): NM110/NM111 (and NM112) are Not Used in every one;
 * NM106 (prefix) too. An organization named by NM103 alone (1000B receiver, 2010AC pay-to plan,
 * 2010BB payer) has NM102 2, NM103 and NM108/NM109 required and NM104-NM107 Not Used. The submitter
 * (1000A) is identified (NM108/NM109 required) by NM103 and maybe NM104/NM105, never a suffix. The
 * subscriber (2010BA) is identified too; its NM103 is required in pyx12's map and situational in
 * stupidedi's, so it stays situational. The pay-to address (2010AB) names nobody: NM103-NM112 are
 * Not Used in stupidedi's, and all but NM104 in pyx12's, so NM104 stays situational.
 */
const ORGANIZATION_P = {
  entityTypes: ['2'],
  names: ['R', 'N', 'N', 'N', 'N'] as NameParts,
  id: 'R' as const,
  related: false,
};
const SUBMITTER_NAMES_P: NameParts = ['R', 'S', 'S', 'N', 'N'];
const PERSON_NAMES_P: NameParts = ['R', 'S', 'S', 'N', 'S'];
const SUBSCRIBER_NAMES_P: NameParts = ['S', 'S', 'S', 'N', 'S'];
/** 837P N4: N405/N406 Not Used in every loop (X222A1). */
const N4_P = { location: false } as const;
/** 837P REF: REF03/REF04 Not Used (X222A1). */
const REF_P = { description: false, additional: false } as const;
const PAY_TO_ADDRESS_NAMES_P: NameParts = ['N', 'S', 'N', 'N', 'N'];
/** 1000A PER03/PER05/PER07: pyx12 ED, EM, FX, TE at PER03 and EX besides at PER05/PER07; stupidedi no ED. One list for the three. */
const SUBMITTER_NUMBERS_P = ['ED', 'EM', 'EX', 'FX', 'TE'];

/*
 * 837P 2310 (claim providers), from pyx12's 837.5010.X222.A1.xml 2310A-2310D and stupidedi's
 * X222-HC837.rb 2310A-2310F: one loop holds every role here, so its NM1 takes what the roles share.
 * NM106 (prefix) and NM110/NM111 are Not Used in every role of both; the NM101 list gains the
 * service facility codes FA, LI and TL and NM108 the ids 24 and 34 that pyx12 lists at 2310C/2310D
 * (stupidedi: 77 and XX alone); PRV (2310B) is PE with PXC in both; the REF qualifiers are the
 * union of the roles' lists, with REF03/REF04 Not Used.
 */
const CLAIM_PROVIDER_P = {
  codes: ['FA', 'LI', 'TL'],
  idQualifiers: ['XX', '24', '34'],
  references: ['0B', '1G', 'G2', 'LU', '1A', '1B', '1C', '1D', '1H', 'N5', 'TJ', 'X4', 'X5'],
};

/*
 * 837P 2420 (line providers), from pyx12's 837.5010.X222.A1.xml 2420A-2420F and stupidedi's
 * X222-HC837.rb 2420A-2420H: one loop holds every role, so its NM1 takes what the roles share and
 * each list is the union of the roles' and of both sources' (pyx12's 2420 carries 4010 lists: the
 * NM108 24/34, PRV02 ZZ, 2420F PRV RF and the wider REF lists, all accepted as the 2310's are).
 * Not taken: pyx12's 2420G, a 4010 loop (other payer prior authorization, NM1*PR) that the 5010
 * guide replaced with the ambulance pick-up (PW) and drop-off (45) locations. NM101 gains pyx12's
 * 2420C FA, LI and TL; the 837I's 72 and ZZ (2420A-2420D of X223A2) are not 837P roles. PER (2420E,
 * the ordering provider's contact) is IC with a number (PER03/PER04 required in both; one list for
 * PER03/05/07: EX, an extension, is listed at PER05/PER07 only). REF02 is required in every role.
 */
const LINE_PROVIDER_P = {
  codes: ['82', 'QB', '77', 'FA', 'LI', 'TL', 'DQ', 'DK', 'DN', 'P3', 'PW', '45'],
  idQualifiers: ['XX', '24', '34'],
  providerCodes: ['PE', 'RF'],
  taxonomyQualifiers: ['PXC', 'ZZ'],
  references: ['0B', '1A', '1B', '1C', '1D', '1G', '1H', 'EI', 'G2', 'LU', 'N5', 'SY', 'TJ', 'U3', 'X4', 'X5'],
};

function providerLoop(id: string, key: string, codes: readonly string[], maxUse: number, variant?: Variant): LoopDef {
  if (variant === 'P' && id === '2310') {
    return loop(id, key, 'S', maxUse, [
      nm1('name', [...codes, ...CLAIM_PROVIDER_P.codes], 'R', 1, {
        idQualifiers: CLAIM_PROVIDER_P.idQualifiers,
        // NM103 stays situational: the ambulance pick-up and drop-off locations (PW, 45) name nobody
        // (TR3 example demo.ambulance.example5.837: NM1*PW*2, NM1*45*2).
        names: SUBSCRIBER_NAMES_P,
        related: false,
      }),
      prv('S', { providerCodes: ['PE'], referenceQualifiers: ['PXC'] }),
      n3(),
      n4('S', N4_P),
      ref('references', 'S', 20, CLAIM_PROVIDER_P.references, REF_P),
      per('contacts', 'S', 1),
    ]);
  }
  if (variant === 'P') {
    // 837P 2420A-2420H (LINE_PROVIDER_P): NM106 and NM110/NM111 Not Used in every role of both
    // sources, N405/N406 and REF03 too; REF04 stays (situational in stupidedi, 2U only; Not Used in pyx12).
    return loop(id, key, 'S', maxUse, [
      nm1('name', LINE_PROVIDER_P.codes, 'R', 1, {
        idQualifiers: LINE_PROVIDER_P.idQualifiers,
        names: SUBSCRIBER_NAMES_P,
        related: false,
      }),
      prv('S', { providerCodes: LINE_PROVIDER_P.providerCodes, referenceQualifiers: LINE_PROVIDER_P.taxonomyQualifiers }),
      n3(),
      n4('S', N4_P),
      ref('references', 'S', 20, LINE_PROVIDER_P.references, { value: 'R', description: false, additionalQualifiers: ['2U'] }),
      per('contacts', 'S', 1, { functions: ['IC'], numberQualifiers: ['EM', 'EX', 'FX', 'TE'], firstNumberRequired: true }),
    ]);
  }
  // 837I 2310A-2310F and 2420A-2420D (pyx12's X223A2 map): every role is named (NM103 required), no
  // prefix and no NM110-NM112; the 2310 PRV is the attending provider's (AT, PXC); REF02 required,
  // REF03 Not Used, REF04 only on the line (2U). The PRV, N3/N4 and PER of roles the map does not
  // give them stay (segments, not elements: left as they were).
  const line = id === '2420';
  return loop(id, key, 'S', maxUse, [
    nm1('name', line ? LINE_PROVIDER_CODES_I : codes, 'R', 1, {
      idQualifiers: PROVIDER_ID_QUALIFIERS,
      names: PERSON_NAMES_P,
      related: false,
    }),
    line ? prv() : prv('S', { providerCodes: ['AT'], referenceQualifiers: ['PXC'] }),
    n3(),
    n4('S', N4_P),
    line
      ? ref('references', 'S', 20, PROVIDER_REFERENCES_I, { value: 'R', description: false, additionalQualifiers: ['2U'] })
      : ref('references', 'S', 4, PROVIDER_REFERENCES_I, REF_VALUE_ONLY),
    per('contacts', 'S', 1),
  ]);
}

/*
 * 837P 2320/2330, from pyx12's map and stupidedi's guide where they agree: OI04 P;
 * OI06 I, Y and pyx12's A, M, N, O (OI03 keeps W, which stupidedi lists); the other subscriber
 * (2330A) is named (NM103) and identified, with up to 3 REF*SY (pyx12; stupidedi 1); the other payer
 * (2330B) an organization identified as in 2010BB; the other payer's providers (2330C-2330G) are
 * NM101 and NM102 alone (NM103-NM111 Not Used in both), known by their REFs.
 */
const OTHER_PAYER_REFERENCES_P = ['2U', 'EI', 'FY', 'NF', 'G1', '9F', 'T4', 'F8'];
/** 837I 2320 AMT01 (pyx12's X223A2 map): payer paid (D), remaining patient liability (EAF), non-covered (A8). */
const OTHER_PAYER_AMOUNTS_I = { D: 1, EAF: 1, A8: 1 };

function otherSubscriberLoop(variant: Variant): LoopDef {
  const p = variant === 'P';
  const refParts = p ? REF_P : {};
  return loop(
    '2320',
    'otherSubscribers',
    'S',
    10,
    [
      seg(
        'SBR',
        'subscriber',
        'R',
        1,
        sbrElements('R', p ? { relationships: OTHER_RELATIONSHIPS_P, filingIndicators: OTHER_FILING_INDICATORS_P } : OTHER_SBR_I),
      ),
      cas('adjustments', 5, ADJUSTMENT_GROUP_CODES_837),
      // Both sources list AMT01 D, A8 and EAF alone, but a TR3 example (LinuxForHealth
      // demo.cob.example4.837) carries AMT*F2 (patient responsibility) here: the list stays open.
      // 837I: AMT01 D, EAF, A8 (the map's), once each (the 2320's rule), no AMT03.
      p ? amt('amounts', 'S', 3) : amt('amounts', 'S', 3, Object.keys(OTHER_PAYER_AMOUNTS_I), { creditDebit: false }),
      seg('OI', 'otherInsurance', 'R', 1, [
        unused,
        unused,
        el('benefitsAssignment', 'ID', 'R', 1, 1, { codes: ['N', 'W', 'Y'] }),
        // OI04: 837P P; Not Used in the 837I.
        p ? el('patientSignatureSource', 'ID', 'S', 1, 1, { codes: ['P'] }) : unused,
        unused,
        // OI06: I, Y in stupidedi; the 2000B copy of pyx12's map adds 4010's A, M, N, O (kept: its 2000C copy was not checked).
        el('releaseOfInformation', 'ID', 'R', 1, 1, { codes: p ? ['A', 'I', 'M', 'N', 'O', 'Y'] : ['I', 'Y'] }),
      ]),
      ...(variant === 'I'
        ? // The 835's MIA, MIA02 Not Used (pyx12's X223A2 map; MIA03-MIA24 situational).
          [mia({ ppsOperatingOutlier: false })]
        : []),
      moa(),
      loop('2330A', 'subscriber', 'R', 1, [
        nm1('name', ['IL'], 'R', 1, { idQualifiers: ['II', 'MI'], names: PERSON_NAMES_P, id: 'R', related: false }),
        n3(),
        n4('S', N4_P),
        // 2330A REF*SY: up to 3 in the 837P (pyx12), 2 in the 837I (pyx12's X223A2 map; 1 rejected a valid file).
        p ? ref('references', 'S', 3, ['SY'], refParts) : ref('references', 'S', 2, ['SY'], REF_VALUE_ONLY),
      ]),
      loop('2330B', 'payer', 'R', 1, [
        nm1('name', ['PR'], 'R', 1, { idQualifiers: PAYER_ID_QUALIFIERS, ...ORGANIZATION_P }),
        n3(),
        n4('S', N4_P),
        dtp('dates', 'S', 1, ADJUDICATION_DATE),
        p
          ? ref('references', 'S', 10, OTHER_PAYER_REFERENCES_P, REF_P)
          : ref('references', 'S', 10, ['2U', 'EI', 'FY', 'NF', 'G1', '9F', 'T4', 'F8'], REF_VALUE_ONLY),
      ]),
      loop('2330C', 'providers', 'S', 10, [
        nm1('name', ['DN', 'P3', '82', '77', 'DQ', '85', '71', '72', 'ZZ'], 'R', 1, {
          names: ['N', 'N', 'N', 'N', 'N'],
          id: 'N',
          related: false,
        }),
        // 837I 2330C-2330I: up to 4 REFs (attending, operating and rendering providers; pyx12's X223A2 map).
        p ? ref('references', 'S', 3, undefined, refParts) : ref('references', 'S', 4, PROVIDER_REFERENCES_I, REF_VALUE_ONLY),
      ]),
    ],
    [adjustmentReasonsHaveCarcForm, remarksHaveRarcForm, ...(p ? [] : [qualifiersWithinMaxUse('amounts', 'AMT', OTHER_PAYER_AMOUNTS_I)])],
  );
}

/*
 * 837P 2400, the segments past SV1 and DTP, from pyx12's 837.5010.X222.A1.xml beside stupidedi's
 * X222-HC837.rb. pyx12's 2400 still carries 4010 segments and lists (HSD, REF*1S/TP/OZ/VP, AMT*AAE,
 * a 2410 of 25 with a CTP unit price): its codes are accepted (the union), its 4010 layout is not.
 * The guides give each qualifier its own segment and max use; the definition reads one list per
 * segment id, so each qualifier's max use is the 2400's `qualifiersWithinMaxUse` rule.
 */
const LINE_P = {
  /** REF01; REF02 required, REF03 Not Used, REF04 (G1/9F: the other payer, 2U) situational in stupidedi. */
  references: { '9B': 1, '9D': 1, G1: 5, '9F': 5, '6R': 1, EW: 1, X4: 1, F4: 1, BT: 1, '1S': 4, TP: 1, OZ: 1, VP: 1 },
  /** AMT*T sales tax, F4 postage (both), pyx12's AAE; AMT03 Not Used. */
  amounts: { T: 1, AAE: 1, F4: 1 },
  /** QTY*PT ambulance patients, FL obstetric anesthesia units (stupidedi; pyx12's 2400 has no QTY). */
  quantities: { PT: 1, FL: 1 },
  /** CRC01 ambulance (07, 3), hospice employee (70, 1), DME condition (09 both, 11 pyx12; 2 in pyx12). */
  conditions: { '07': 3, '70': 1, '09': 2, '11': 2 },
} as const;
/** The DME condition's CRC03-CRC07: stupidedi 38, ZV; pyx12's DMERC (4010 in name) adds 37, AL, P1. */
const DME_CONDITION: ConditionCategory = { answers: ANSWERED, codes: ['37', '38', 'AL', 'P1', 'ZV'], count: 5 };
/**
 * 837P 2400 CRCs by category (CRC01): ambulance certification 07, hospice employee 70 (65 alone,
 * CRC04-CRC07 Not Used in both), DME condition 09 (and pyx12's 11). The DME condition's CRC05-CRC07
 * are Not Used in stupidedi and in one of pyx12's two copies of the loop, situational in the other.
 */
const LINE_CONDITIONS_P: Readonly<Record<string, ConditionCategory>> = {
  '07': { answers: ANSWERED, codes: AMBULANCE_CONDITIONS, count: 5 },
  '70': { answers: ANSWERED, codes: ['65'], count: 1 },
  '09': DME_CONDITION,
  '11': DME_CONDITION,
};
const lineConditionP = crc(6, { categories: Object.keys(LINE_P.conditions), conditions: conditionCodes(LINE_CONDITIONS_P) });
/** 2400 NTE: ADD, DCP and TPO (both), pyx12's PMT; one line note and one TPO note (stupidedi). */
const lineNoteP = seg('NTE', 'notes', 'S', 2, [
  el('referenceCode', 'ID', 'R', 3, 3, { codes: ['ADD', 'DCP', 'PMT', 'TPO'] }),
  el('text', 'AN', 'R', 1, 80),
]);
/**
 * 2400 PWK: stupidedi's line supplemental list (pyx12's 2400 has the DMERC CMN PWK*CT alone), up to
 * 10 plus one PWK*CT (PWK02 AB, AD, AF, AG, NS); PWK05 AC.
 */
const lineAttachmentP = withSyntax(
  seg('PWK', 'attachments', 'S', 11, [
    el('reportType', 'ID', 'R', 2, 2, {
      codes: [
        ...['03', '04', '05', '06', '07', '08', '09', '10', '11', '13', '15', '21', 'A3', 'A4', 'AM', 'AS', 'B2', 'B4', 'BR', 'BS'],
        ...['BT', 'CB', 'CK', 'CT', 'D2', 'DA', 'DB', 'DG', 'DJ', 'DS', 'EB', 'HC', 'HR', 'I5', 'IR', 'LA', 'M1', 'MT', 'NN', 'OB'],
        ...['OC', 'OD', 'OE', 'OX', 'OZ', 'P4', 'P5', 'PE', 'PN', 'PO', 'PQ', 'PY', 'PZ', 'RB', 'RR', 'RT', 'RX', 'SG', 'V5', 'XP'],
      ],
    }),
    el('transmissionCode', 'ID', 'R', 1, 2, { codes: ['AA', 'AB', 'AD', 'AF', 'AG', 'BM', 'EL', 'EM', 'FT', 'FX', 'NS'] }),
    unused,
    unused,
    el('idQualifier', 'ID', 'S', 1, 2, { codes: ['AC'] }),
    el('controlNumber', 'AN', 'S', 2, 80),
  ]),
  ['P0506'],
);
/** 2400 HCP: HCP09 ER, HC, IV, WK (stupidedi) and ZZ (pyx12); HCP11 MJ, UN and pyx12's DA. */
const LINE_REPRICING_P = {
  methodologies: ['00', '01', '02', '03', '04', '05', '06', '07', '08', '09', '10', '11', '12', '13', '14'],
  procedureQualifiers: ['ER', 'HC', 'IV', 'WK', 'ZZ'],
  unitBases: ['DA', 'MJ', 'UN'],
  rejectReasons: ['T1', 'T2', 'T3', 'T4', 'T5', 'T6'],
  policyCompliance: ['1', '2', '3', '4', '5'],
  exceptions: ['1', '2', '3', '4', '5', '6'],
};

/** 837I 2400 (pyx12's X223A2 map): REF 6R, 9B, 9D and AMT GT, N8, once each; NTE the TPO note alone. */
const LINE_I = { references: { '6R': 1, '9B': 1, '9D': 1 }, amounts: { GT: 1, N8: 1 } } as const;
const lineNoteI = asList(
  seg('NTE', 'notes', 'S', 1, [el('referenceCode', 'ID', 'R', 3, 3, { codes: ['TPO'] }), el('text', 'AN', 'R', 1, 80)]),
);

function serviceLine(variant: Variant): LoopDef {
  const p = variant === 'P';
  // SV107 (837P): required in pyx12's map and stupidedi's guide alike.
  const pointers = composite('diagnosisPointers', 'R', [
    el('pointer1', 'N0', 'R', 1, 2),
    el('pointer2', 'N0', 'S', 1, 2),
    el('pointer3', 'N0', 'S', 1, 2),
    el('pointer4', 'N0', 'S', 1, 2),
  ]);
  const sv1 = withSyntax(
    seg('SV1', 'professional', 'R', 1, [
      procedure('procedure', 'R', ['ER', 'HC', 'IV', 'WK']),
      el('chargeCents', '$', 'R', 1, 18),
      // SV103: MJ and UN in both sources, and pyx12's F2.
      el('unitBasis', 'ID', 'R', 2, 2, { codes: ['F2', 'MJ', 'UN'] }),
      el('quantity', 'R', 'R', 1, 15),
      el('placeOfService', 'AN', 'S', 1, 2),
      unused,
      pointers,
      unused,
      el('emergencyIndicator', 'ID', 'S', 1, 1, { codes: ['Y'] }),
      unused,
      el('epsdtIndicator', 'ID', 'S', 1, 1, { codes: ['Y'] }),
      el('familyPlanningIndicator', 'ID', 'S', 1, 1, { codes: ['Y'] }),
      unused,
      unused,
      el('copayStatusCode', 'ID', 'S', 1, 1, { codes: ['0'] }),
    ]),
    SV1_SYNTAX,
  );
  const sv2 = withSyntax(
    seg('SV2', 'institutional', 'R', 1, [
      el('revenueCode', 'AN', 'R', 1, 48),
      // SV202-08 and SV206 (unit rate) Not Used (pyx12's X223A2 map).
      procedure('procedure', 'S', ['ER', 'HC', 'HP', 'IV', 'WK'], { productId: false }),
      el('chargeCents', '$', 'R', 1, 18),
      el('unitBasis', 'ID', 'R', 2, 2, { codes: ['DA', 'UN'] }),
      el('quantity', 'R', 'R', 1, 15),
      unused,
      el('nonCoveredCents', '$', 'S', 1, 18),
    ]),
    SV2_SYNTAX,
  );
  /*
   * 2430 SVD, from pyx12's maps (837.5010.X222.A1.xml, 837Q3.I.5010.X223.A1.xml 2430 SVD): the
   * 837P identifies the adjudicated line by its procedure (SVD03 R: ER, HC, IV, WK; SVD04 Not Used),
   * the 837I by its revenue code (SVD04 R), with a procedure only when there is one (SVD03 S: ER,
   * HC, HP, IV, WK).
   */
  const svd = seg('SVD', 'adjudication', 'R', 1, [
    el('otherPayerId', 'AN', 'R', 2, 80),
    el('paidCents', '$', 'R', 1, 18),
    variant === 'P' ? procedure('procedure', 'R', ['ER', 'HC', 'IV', 'WK']) : procedure('procedure', 'S', ['ER', 'HC', 'HP', 'IV', 'WK']),
    variant === 'P' ? unused : el('revenueCode', 'AN', 'R', 1, 48),
    el('paidUnits', 'R', 'R', 1, 15),
    el('bundledLineNumber', 'N0', 'S', 1, 6),
  ]);
  return loop(
    '2400',
    'serviceLines',
    'R',
    variant === 'P' ? 50 : 999,
    [
      seg('LX', 'line', 'R', 1, [computed('line-number', 'N0', 6)]),
      variant === 'P' ? sv1 : sv2,
      ...(variant === 'P' ? [sv5] : []),
      // 837P: up to 10 line supplemental PWKs plus one DMERC CMN indicator (PWK*CT).
      p ? lineAttachmentP : attachmentI,
      ...(p ? [cr1('R'), cr3, lineConditionP] : []),
      dtp('dates', p ? 'R' : 'S', 10, p ? LINE_DATES_P : LINE_DATES_I),
      p ? qty('quantities', 'S', 2, Object.keys(LINE_P.quantities)) : qty('quantities', 'S', 2),
      ...(p ? [mea, cn1] : []),
      p
        ? ref('references', 'S', 20, Object.keys(LINE_P.references), { value: 'R', description: false, additionalQualifiers: ['2U'] })
        : ref('references', 'S', 20, Object.keys(LINE_I.references), REF_VALUE_ONLY),
      p
        ? amt('amounts', 'S', 3, Object.keys(LINE_P.amounts), { creditDebit: false })
        : amt('amounts', 'S', 3, Object.keys(LINE_I.amounts), { creditDebit: false }),
      ...(p ? [k3] : []),
      p ? lineNoteP : lineNoteI,
      ...(p ? [ps1] : []),
      p ? hcp(LINE_REPRICING_P) : hcp({ ...REPRICING_I, procedureQualifiers: ['ER', 'HC', 'HP', 'IV', 'WK'] }),
      loop('2410', 'drug', 'S', 1, [
        withSyntax(
          seg('LIN', 'drug', 'R', 1, [
            unused,
            // N4 (an NDC) alone: both 837P sources and pyx12's X223A2 map.
            el('qualifier', 'ID', 'R', 2, 2, { codes: ['N4'] }),
            el('code', 'AN', 'R', 1, 48),
          ]),
          // Each further product id (LIN04-LIN31, Not Used here) comes with its qualifier.
          Array.from({ length: 14 }, (_, n) => `P${String(4 + 2 * n).padStart(2, '0')}${String(5 + 2 * n).padStart(2, '0')}`),
        ),
        withSyntax(
          seg('CTP', 'quantity', 'R', 1, [
            ...unusedElements(3),
            el('quantity', 'R', 'R', 1, 15),
            composite('unit', 'R', [el('unitCode', 'ID', 'R', 2, 2, { codes: ['F2', 'GR', 'ME', 'ML', 'UN'] })]),
          ]),
          ['P0405', 'C0607', 'C0902', 'C1002', 'C1103'],
        ),
        // The prescription (XZ) or link sequence number (VY), a value alone: both 837P sources and pyx12's X223A2 map.
        ref('references', 'S', 1, ['VY', 'XZ'], REF_VALUE_ONLY),
      ]),
      providerLoop('2420', 'providers', LINE_PROVIDER_CODES, 10, variant),
      loop(
        '2430',
        'adjudications',
        'S',
        15,
        [
          svd,
          cas('adjustments', 5, ADJUSTMENT_GROUP_CODES_837),
          dtp('dates', 'R', 1, ADJUDICATION_DATE),
          // 837I: AMT*EAF (remaining patient liability) alone, no AMT03.
          p ? amt('amounts', 'S', 1) : amt('amounts', 'S', 1, ['EAF'], { creditDebit: false }),
        ],
        [adjustmentReasonsHaveCarcForm],
      ),
      ...(variant === 'P' ? [form] : []),
    ],
    p
      ? [
          lineAdjudicationBalances,
          qualifiersWithinMaxUse('references', 'REF', LINE_P.references),
          qualifiersWithinMaxUse('amounts', 'AMT', LINE_P.amounts),
          qualifiersWithinMaxUse('quantities', 'QTY', LINE_P.quantities),
          qualifiersWithinMaxUse('conditions', 'CRC', LINE_P.conditions),
          conditionsByCategory('conditions', LINE_CONDITIONS_P),
        ]
      : [
          lineAdjudicationBalances,
          qualifiersWithinMaxUse('references', 'REF', LINE_I.references),
          qualifiersWithinMaxUse('amounts', 'AMT', LINE_I.amounts),
        ],
  );
}

function claimLoop(variant: Variant, usage: 'R' | 'S'): LoopDef {
  return loop(
    '2300',
    'claims',
    usage,
    100,
    [
      clm(variant),
      dtp('dates', variant === 'I' ? 'R' : 'S', 20, variant === 'P' ? CLAIM_DATES_P : CLAIM_DATES_I),
      ...(variant === 'I' ? [cl1] : []),
      variant === 'P' ? claimAttachmentP : attachmentI,
      cn1,
      // 837P: AMT*F5 in both sources, and pyx12's MA and NE, one each (one in all rejected a valid file).
      // 837I: AMT*F3 (patient estimated amount due) alone, no AMT03.
      variant === 'P' ? amt('amounts', 'S', 3, ['F5', 'MA', 'NE']) : amt('amounts', 'S', 1, ['F3'], { creditDebit: false }),
      variant === 'P' ? ref('references', 'S', 20) : ref('references', 'S', 20, Object.keys(CLAIM_REFERENCES_I), REF_VALUE_ONLY),
      k3,
      variant === 'P' ? claimNoteP : claimNoteI,
      ...(variant === 'P' ? [cr1('R'), cr2] : []),
      variant === 'P' ? claimConditionsP : epsdtReferralI,
      hi(variant),
      variant === 'P' ? hcp() : hcp({ ...REPRICING_I, procedureQualifiers: false }),
      providerLoop('2310', 'providers', variant === 'P' ? PROVIDER_CODES_P : PROVIDER_CODES_I, 8, variant),
      otherSubscriberLoop(variant),
      serviceLine(variant),
    ],
    [
      correctedClaimNeedsF8,
      chargeIsSumOfLines,
      priorPayerBalances,
      healthCareCodesByKind(variant === 'P' ? HI_KINDS_P : HI_KINDS_I),
      ...(variant === 'P'
        ? [qualifiersWithinMaxUse('conditions', 'CRC', CLAIM_CONDITION_MAX_USE_P), conditionsByCategory('conditions', CLAIM_CONDITIONS_P)]
        : [qualifiersWithinMaxUse('references', 'REF', CLAIM_REFERENCES_I)]),
    ],
  );
}

function build(variant: Variant): TransactionSetDef {
  const p = variant === 'P';
  // N405/N406 Not Used and REF03/REF04 Not Used in every loop of both maps; REF02 required in the
  // 837I's (the 837P's stays situational, as its sources left it).
  const location = N4_P;
  const refParts = p ? REF_P : REF_VALUE_ONLY;
  // 837I contacts (1000A, 2010AA): IC with a number (PER03/PER04 required; EX, an extension, at PER05/PER07 only).
  const contactI = { functions: ['IC'], numberQualifiers: ['EM', 'EX', 'FX', 'TE'], firstNumberRequired: true };
  const patient = loop('2000C', 'patients', 'S', UNBOUNDED, [
    hl(['23']),
    p ? pat('R', 'R', p) : patientI,
    loop('2010CA', 'patient', 'R', 1, [
      /*
       * 837P 2010CA, from pyx12's map and stupidedi's guide: a person (NM102 1) with a last name, no
       * prefix and no NM110/NM111; NM104 (R in pyx12, S in stupidedi) stays situational, and so do
       * NM108/NM109 (pyx12 S with MI or ZZ, stupidedi Not Used). DMG02/DMG03 required in both; REF
       * 1W, 23, IG, SY (up to 5, pyx12) and Y4 (both): 2 rejected a valid file.
       */
      // 837I 2010CA (pyx12's X223A2 map): a person named, never identified (NM108/NM109 Not Used); DMG02/
      // DMG03 required; REF Y4 and 1W or SY, once each.
      p
        ? nm1('name', ['QC'], 'R', 1, { entityTypes: ['1'], idQualifiers: ['MI', 'ZZ'], names: PERSON_NAMES_P, related: false })
        : nm1('name', ['QC'], 'R', 1, { entityTypes: ['1'], names: PERSON_NAMES_P, id: 'N', related: false }),
      n3('R'),
      n4('R', location),
      dmg('R', 'R'),
      p ? ref('references', 'S', 6, ['1W', '23', 'IG', 'SY', 'Y4'], refParts) : ref('references', 'S', 2, ['1W', 'SY', 'Y4'], refParts),
      per('contacts', 'S', 1),
    ]),
    claimLoop(variant, 'R'),
  ]);
  const subscriber = loop('2000B', 'subscribers', 'R', UNBOUNDED, [
    hl(['22']),
    seg('SBR', 'insurance', 'R', 1, sbrElements('S', p ? { relationships: ['18'] } : SBR_I)),
    pat('S', p ? 'N' : 'S', p),
    loop('2010BA', 'subscriber', 'R', 1, [
      // 837I: the subscriber named (NM103 required), identified when known (NM108/NM109 situational).
      nm1('name', ['IL'], 'R', 1, {
        idQualifiers: ['II', 'MI'],
        ...(p ? { names: SUBSCRIBER_NAMES_P, id: 'R' as const, related: false } : { names: PERSON_NAMES_P, related: false }),
      }),
      n3(),
      n4('S', location),
      dmg('S', 'R'),
      // 837P: up to 4 REF*SY and one REF*Y4 (pyx12; stupidedi 1 and 1): 3 rejected a valid file. 837I: one each.
      p ? ref('references', 'S', 5, ['SY', 'Y4'], refParts) : ref('references', 'S', 2, ['SY', 'Y4'], refParts),
      per('contacts', 'S', 1),
    ]),
    loop('2010BB', 'payer', 'R', 1, [
      nm1('name', ['PR'], 'R', 1, { idQualifiers: PAYER_ID_QUALIFIERS, ...ORGANIZATION_P }),
      n3(),
      n4('S', location),
      // 837I: up to 3 payer ids (2U, EI, FY, NF) and one billing provider id (G2, LU).
      ref('references', 'S', p ? 5 : 4, ['2U', 'EI', 'FY', 'NF', 'G2', 'LU'], refParts),
    ]),
    claimLoop(variant, 'S'),
    patient,
  ]);
  const billing = loop('2000A', 'billingProviders', 'R', UNBOUNDED, [
    hl(['20']),
    prv('S', { providerCodes: p ? ['BI', 'PT'] : ['BI'], referenceQualifiers: ['PXC'] }),
    cur(['85']),
    loop('2010AA', 'billingProvider', 'R', 1, [
      // 837I 2010AA: an organization (NM102 2) named by NM103 alone; REF*EI (the tax id) alone.
      nm1('name', ['85'], 'R', 1, {
        idQualifiers: ['XX'],
        ...(p ? { names: PERSON_NAMES_P, related: false } : { entityTypes: ['2'], names: ORGANIZATION_P.names, related: false }),
      }),
      n3('R'),
      n4('R', location),
      ref('references', 'S', p ? 3 : 1, p ? ['EI', 'SY', '0B', '1G'] : ['EI'], refParts),
      p ? per('contacts', 'S', 2, { functions: ['IC'], numberQualifiers: ['EM', 'EX', 'FX', 'TE'] }) : per('contacts', 'S', 2, contactI),
    ]),
    loop('2010AB', 'payToAddress', 'S', 1, [
      // 837I 2010AB: names nobody (NM103-NM109 Not Used in the map).
      nm1('name', ['87'], 'R', 1, {
        ...(p ? { names: PAY_TO_ADDRESS_NAMES_P } : { entityTypes: ['2'], names: ['N', 'N', 'N', 'N', 'N'] as NameParts }),
        id: 'N',
        related: false,
      }),
      n3('R'),
      n4('R', location),
    ]),
    loop('2010AC', 'payToPlan', 'S', 1, [
      nm1('name', ['PE'], 'R', 1, { idQualifiers: PAYER_ID_QUALIFIERS, ...ORGANIZATION_P }),
      n3(),
      n4('S', location),
      ref('references', 'S', 2, ['2U', 'FY', 'NF', 'EI'], refParts),
    ]),
    subscriber,
  ]);
  return {
    id: '837',
    version: variant === 'P' ? '005010X222A1' : '005010X223A2',
    functionalId: 'HC',
    name: variant === 'P' ? 'Health Care Claim: Professional' : 'Health Care Claim: Institutional',
    root: loop('ST', 'transaction', 'R', 1, [
      st('837'),
      bht('0019', ['00', '18'], ['31', 'CH', 'RP']),
      loop('1000A', 'submitter', 'R', 1, [
        // 1000A/1000B: the same usage in pyx12's X223A2 map as in the 837P's sources.
        nm1('name', ['41'], 'R', 1, { idQualifiers: ['46'], names: SUBMITTER_NAMES_P, id: 'R', related: false }),
        p ? per('contacts', 'R', 2, { functions: ['IC'], numberQualifiers: SUBMITTER_NUMBERS_P }) : per('contacts', 'R', 2, contactI),
      ]),
      loop('1000B', 'receiver', 'R', 1, [nm1('name', ['40'], 'R', 1, { idQualifiers: ['46'], ...ORGANIZATION_P })]),
      billing,
      se,
    ]),
  };
}

/** 837 Professional. */
export const TS837P = build('P');
/** 837 Institutional. */
export const TS837I = build('I');
