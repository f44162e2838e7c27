/** Segment building blocks shared by several 5010 guides. */
import { asList, composite, computed, el, fixed, group, loop, seg, unused, UNBOUNDED, withSyntax } from '#functions/x12/schema.ts';
import type { ElementDef, LoopDef, SegmentDef } from '#functions/x12/schema.ts';
import { CLAIM_STATUS_CATEGORY_CODES } from '#functions/x12/code-lists/claim-status-categories.ts';

export { UNBOUNDED };

/**
 * ST with the set id fixed; the control number and guide version (ST03) are written by the engine.
 * `version: 'N'` for the guides that mark ST03 Not Used (835 X221A1): it is neither written nor accepted.
 */
export function st(setId: string, version: 'S' | 'N' = 'S'): SegmentDef {
  return seg('ST', 'header', 'R', 1, [
    fixed(setId),
    computed('control-number', 'AN', 9),
    version === 'S' ? { ...computed('version', 'AN', 35), usage: 'S' } : unused,
  ]);
}

/** SE: the segment count and control number are computed. Its empty key keeps it out of the model. */
export const se: SegmentDef = seg('SE', '', 'R', 1, [computed('segment-count', 'N0', 10), computed('control-number', 'AN', 9)]);

/**
 * HL with numbering computed from the loop nesting; HL03 fixed per loop, or keyed when several levels
 * share a loop. A `leaf` level (no level below it: the 277's dependent, the 277CA's patient) has a
 * parent always (HL02 required) and no HL04 (Not Used).
 */
export function hl(levelCodes: readonly string[], keyed = false, leaf = false): SegmentDef {
  const level = keyed ? el('levelCode', 'ID', 'R', 1, 2, { codes: levelCodes }) : fixed(levelCodes[0] as string);
  const parentAndChild = leaf
    ? [computed('hl-parent'), level, unused]
    : [{ ...computed('hl-parent'), usage: 'S' as const }, level, { ...computed('hl-child', 'ID', 1), usage: 'S' as const }];
  return seg('HL', 'hierarchy', 'R', 1, [computed('hl-id'), ...parentAndChild], { element: 3, codes: levelCodes });
}

/**
 * BHT beginning of hierarchical transaction. `types` is BHT06's list (BHT03 then required, unless
 * `referenceId` says otherwise: X279A1 270); `false` marks BHT06 Not Used with BHT03 situational
 * (X279A1 271).
 */
export function bht(
  structure: string,
  purposes: readonly string[],
  types?: readonly string[] | false,
  referenceId: 'R' | 'S' = types ? 'R' : 'S',
): SegmentDef {
  return seg('BHT', 'beginning', 'R', 1, [
    fixed(structure),
    el('purposeCode', 'ID', 'R', 2, 2, { codes: purposes }),
    el('referenceId', 'AN', referenceId, 1, 50),
    el('date', 'DT', 'R', 8, 8),
    el('time', 'TM', 'R', 4, 8),
    types === false ? unused : el('transactionTypeCode', 'ID', 'S', 2, 2, types ? { codes: types } : {}),
  ]);
}

/** Usage of an NM1 name part (NM103-NM107). */
type NameUsage = 'R' | 'S' | 'N';
/** Usages of NM103-NM107: last name, first, middle, prefix, suffix. */
export type NameParts = readonly [NameUsage, NameUsage, NameUsage, NameUsage, NameUsage];

/**
 * NM1 individual or organization name. With one entity code it is fixed (left out of the model);
 * with several, NM101 is kept as `entityCode`. `id` is the usage of NM108/NM109 (situational by
 * default): `'R'` where a guide's loop always identifies the party, `'N'` for a party it names but
 * never identifies (X212 2100E, the dependent). `keepEntityCode`
 * keeps NM101 in the model as `entityCode` even with one code: for a list narrowed to one code
 * where the model's readers and writers already carry it (X212 2100C, 1P). `matchEntity: false`
 * is for the only NM1 a loop can open at its place: any NM1 opens it and a wrong NM101 is an
 * INVALID_CODE at NM101, not an unexpected segment with the loop missing. `names` gives the usage
 * of NM103-NM107 (last name, first, middle, prefix, suffix; all situational by default, N for Not
 * Used) and `related: false` marks NM110 and NM111 Not Used, where a guide's loop says so;
 * `relationshipCodes` is NM110's list where a loop keeps NM110 and marks NM111 Not Used (X279A1 2120C/D).
 */
export function nm1(
  key: string,
  entityCodes: readonly string[],
  usage: 'R' | 'S' = 'R',
  maxUse = 1,
  codes: {
    entityTypes?: readonly string[];
    idQualifiers?: readonly string[];
    id?: NameUsage;
    keepEntityCode?: boolean;
    matchEntity?: boolean;
    names?: NameParts;
    related?: boolean;
    relationshipCodes?: readonly string[];
  } = {},
): SegmentDef {
  const [last, first, middle, prefix, suffix] = codes.names ?? ['S', 'S', 'S', 'S', 'S'];
  const part = (k: string, u: NameUsage, max: number) => (u === 'N' ? unused : el(k, 'AN', u, 1, max));
  const entity =
    entityCodes.length === 1 && codes.keepEntityCode !== true
      ? fixed(entityCodes[0] as string)
      : el('entityCode', 'ID', 'R', 2, 3, { codes: entityCodes });
  const def = seg(
    'NM1',
    key,
    usage,
    maxUse,
    [
      entity,
      el('entityType', 'ID', 'R', 1, 1, { codes: codes.entityTypes ?? ['1', '2'] }),
      part('lastName', last, 60),
      part('firstName', first, 35),
      part('middleName', middle, 25),
      part('prefix', prefix, 10),
      part('suffix', suffix, 10),
      ...(codes.id === 'N'
        ? [unused, unused]
        : [
            el('idQualifier', 'ID', codes.id ?? 'S', 1, 2, codes.idQualifiers ? { codes: codes.idQualifiers } : {}),
            el('id', 'AN', codes.id ?? 'S', 2, 80),
          ]),
      ...(codes.related === false
        ? [unused, unused]
        : codes.relationshipCodes
          ? [el('relationshipCode', 'ID', 'S', 2, 2, { codes: codes.relationshipCodes }), unused]
          : [el('relationshipCode', 'ID', 'S', 2, 2), el('entityIdentifierCode', 'ID', 'S', 2, 3)]),
    ],
    codes.matchEntity === false ? undefined : { element: 1, codes: entityCodes },
  );
  return withSyntax(def, ['P0809', 'C1110', 'C1203']);
}

/**
 * A name loop whose NM101 list the sources narrow to one code where the model carries it
 * (`entityCode`): the NM1 is the only one that can open the loop at its place, so a wrong NM101 is
 * an INVALID_CODE at NM101 (see nm1's keepEntityCode and matchEntity). The party is identified
 * (NM108/NM109 required) and NM110-NM112 are Not Used, as in every such loop of X212 and X214.
 * `repeat` is the loop's (a list in the model above 1).
 */
export function narrowedNameLoop(
  id: string,
  code: string,
  names: NameParts,
  nm1Codes: { idQualifiers: readonly string[]; entityTypes?: readonly string[] },
  extras: SegmentDef[] = [],
  repeat = 1,
): LoopDef {
  return loop(id, 'name', 'R', repeat, [
    nm1('name', [code], 'R', 1, { ...nm1Codes, names, related: false, keepEntityCode: true, matchEntity: false, id: 'R' }),
    ...extras,
  ]);
}

export function n3(usage: 'R' | 'S' = 'S'): SegmentDef {
  return seg('N3', 'address', usage, 1, [el('line1', 'AN', 'R', 1, 55), el('line2', 'AN', 'S', 1, 55)]);
}

/**
 * N4 city, state, ZIP. `location: false` marks N405/N406 (location qualifier and id) Not Used, where
 * a guide's loop says so (835 1000A/1000B, every N4 of the 837P); `locationQualifiers` is N405's list
 * where a loop gives one (X279A1 2120C/D: RJ, a DOD health service region).
 */
export function n4(usage: 'R' | 'S' = 'S', shape: { location?: boolean; locationQualifiers?: readonly string[] } = {}): SegmentDef {
  const qualifiers = shape.locationQualifiers ? { codes: shape.locationQualifiers } : {};
  const location =
    shape.location === false
      ? [unused, unused]
      : [el('locationQualifier', 'ID', 'S', 1, 2, qualifiers), el('locationId', 'AN', 'S', 1, 30)];
  const def = seg('N4', 'city', usage, 1, [
    el('city', 'AN', 'R', 2, 30),
    el('state', 'ID', 'S', 2, 2),
    el('postalCode', 'ID', 'S', 3, 15),
    el('countryCode', 'ID', 'S', 2, 3),
    ...location,
    el('countrySubdivision', 'ID', 'S', 1, 3),
  ]);
  return withSyntax(def, ['E0207', 'C0605', 'C0704']);
}

/** A REF that carries an identifier and nothing else (REF02 required, REF03/REF04 Not Used). */
export const REF_VALUE_ONLY = { value: 'R', description: false, additional: false } as const;

/**
 * REF reference identification, kept as qualifier + value pairs. `shape` follows a guide's loop:
 * `value: 'R'` makes REF02 required, `description: false` and `additional: false` mark REF03 and
 * REF04 Not Used (835 X221A1: all three, {@link REF_VALUE_ONLY}; the 837P: REF03/REF04), and
 * `additionalQualifiers` is REF04-01's list where a guide gives one (837P 2400/2420: 2U).
 */
export function ref(
  key = 'references',
  usage: 'R' | 'S' = 'S',
  maxUse = 20,
  qualifiers?: readonly string[],
  shape: { value?: 'R' | 'S'; description?: boolean; additional?: boolean; additionalQualifiers?: readonly string[] } = {},
): SegmentDef {
  return asList(
    withSyntax(
      seg('REF', key, usage, maxUse, [
        el('qualifier', 'ID', 'R', 2, 3, qualifiers ? { codes: qualifiers } : {}),
        el('value', 'AN', shape.value ?? 'S', 1, 50),
        shape.description === false ? unused : el('description', 'AN', 'S', 1, 80),
        shape.additional === false
          ? unused
          : composite('additional', 'S', [
              el('qualifier', 'ID', 'R', 2, 3, shape.additionalQualifiers ? { codes: shape.additionalQualifiers } : {}),
              el('value', 'AN', 'R', 1, 50),
            ]),
      ]),
      ['R0203'],
    ),
  );
}

/** DTM's notes: a date, a time or a period (DTM02, DTM03, DTM06); a time code needs its time; a period format with its period. */
export const DTM_SYNTAX = ['R020305', 'C0403', 'P0506'] as const;

/**
 * DTM date/time reference (835). `dateOnly` is for a DTM that carries a date and nothing else (835
 * X221A1 2100/2110: DTM02 required, DTM03 Not Used).
 */
export function dtm(
  key = 'dates',
  usage: 'R' | 'S' = 'S',
  maxUse = 10,
  qualifiers?: readonly string[],
  shape: { dateOnly?: boolean } = {},
): SegmentDef {
  return asList(
    withSyntax(
      seg('DTM', key, usage, maxUse, [
        el('qualifier', 'ID', 'R', 3, 3, qualifiers ? { codes: qualifiers } : {}),
        el('date', 'DT', shape.dateOnly ? 'R' : 'S', 8, 8),
        shape.dateOnly ? unused : el('time', 'TM', 'S', 4, 8),
      ]),
      DTM_SYNTAX,
    ),
  );
}

/**
 * DTP date or time period: D8 dates, RD8 ranges, DT date-times all kept as text. `qualifiers` is the
 * DTP01 list the guide allows at this position (each loop has its own); `formats` DTP02's, where a
 * loop narrows it (X279A1 271: D8 and RD8).
 */
export function dtp(
  key = 'dates',
  usage: 'R' | 'S' = 'S',
  maxUse = 20,
  qualifiers?: readonly string[],
  formats: readonly string[] = ['D8', 'RD8', 'DT', 'TM'],
): SegmentDef {
  return asList(
    seg('DTP', key, usage, maxUse, [
      el('qualifier', 'ID', 'R', 3, 3, qualifiers ? { codes: qualifiers } : {}),
      el('format', 'ID', 'R', 2, 3, { codes: formats }),
      el('value', 'AN', 'R', 1, 35, { formatFrom: 2 }),
    ]),
  );
}

/**
 * PER administrative contact with up to three communication numbers. `codes` narrows PER01 and the
 * number qualifiers (PER03/05/07, one list for the three) to a loop's lists where a source gives them.
 * `firstNumberQualifiers` is for a guide whose PER03 list differs from PER05/PER07's (X212 277
 * 2100A: no EX, an extension, at PER03): a group's repeats share one definition, so PER03/PER04
 * are then a group of one (`numbers`, exactly one entry: that map makes PER03/PER04 required) and
 * PER05-PER08 a group of two (`additionalNumbers`), each with its own list, and a code missing from
 * PER03's is an INVALID_CODE at PER03. `firstNumberRequired` makes PER03/PER04 required with the
 * model's shape unchanged (835 2100 claim contact: a PER without a number is MISSING_ELEMENT at PER03);
 * `firstNumberQualifiers` implies it.
 */
export function per(
  key = 'contacts',
  usage: 'R' | 'S' = 'S',
  maxUse = 3,
  codes: {
    functions?: readonly string[];
    numberQualifiers?: readonly string[];
    firstNumberQualifiers?: readonly string[];
    firstNumberRequired?: boolean;
  } = {},
): SegmentDef {
  const number = (qualifiers: readonly string[] | undefined): ElementDef[] => [
    el('qualifier', 'ID', 'R', 2, 2, qualifiers ? { codes: qualifiers } : {}),
    el('number', 'AN', 'R', 1, 256),
  ];
  const numbers = codes.firstNumberQualifiers
    ? [group('numbers', 1, 1, number(codes.firstNumberQualifiers)), group('additionalNumbers', 2, 0, number(codes.numberQualifiers))]
    : [group('numbers', 3, codes.firstNumberRequired ? 1 : 0, number(codes.numberQualifiers))];
  return asList(
    withSyntax(
      seg('PER', key, usage, maxUse, [
        el('functionCode', 'ID', 'R', 2, 2, codes.functions ? { codes: codes.functions } : {}),
        el('name', 'AN', 'S', 1, 60),
        ...numbers,
      ]),
      ['P0304', 'P0506', 'P0708'],
    ),
  );
}

/** AMT monetary amount. `creditDebit: false` marks AMT03 Not Used, where a guide says so (835 X221A1). */
export function amt(
  key = 'amounts',
  usage: 'R' | 'S' = 'S',
  maxUse = 10,
  qualifiers?: readonly string[],
  shape: { creditDebit?: boolean } = {},
): SegmentDef {
  return asList(
    seg('AMT', key, usage, maxUse, [
      el('qualifier', 'ID', 'R', 1, 3, qualifiers ? { codes: qualifiers } : {}),
      el('amountCents', '$', 'R', 1, 18),
      shape.creditDebit === false ? unused : el('creditDebitFlag', 'ID', 'S', 1, 1),
    ]),
  );
}

/** QTY quantity (QTY04 free-form text is Not Used by the health care guides, but the notes name it). */
export function qty(key = 'quantities', usage: 'R' | 'S' = 'S', maxUse = 10, qualifiers?: readonly string[]): SegmentDef {
  return asList(
    withSyntax(
      seg('QTY', key, usage, maxUse, [
        el('qualifier', 'ID', 'R', 2, 2, qualifiers ? { codes: qualifiers } : {}),
        el('quantity', 'R', 'R', 1, 15),
      ]),
      QTY_SYNTAX,
    ),
  );
}

/** QTY's notes: exactly one of QTY02 (quantity) and QTY04 (free-form). */
const QTY_SYNTAX = ['E0204', 'R0204'] as const;

/**
 * CUR's notes (X221A1, X222A1, X223A2): each date/time qualifier (CUR07, 10, 13, 16, 19) needs a date
 * or time after it, and a date or time needs its qualifier.
 */
const CUR_SYNTAX = [
  ...['C0807', 'C0907', 'L101112', 'C1110', 'C1210', 'L131415', 'C1413', 'C1513'],
  ...['L161718', 'C1716', 'C1816', 'L192021', 'C2019', 'C2119'],
] as const;

/** CUR foreign currency: the entity (CUR01) whose currency CUR02 is. */
export function cur(entityCodes?: readonly string[]): SegmentDef {
  return withSyntax(
    seg('CUR', 'currency', 'S', 1, [
      el('entityCode', 'ID', 'R', 2, 3, entityCodes ? { codes: entityCodes } : {}),
      el('currencyCode', 'ID', 'R', 3, 3),
    ]),
    CUR_SYNTAX,
  );
}

/** CAS01 claim adjustment group codes of the 5010 guides (CR, correction and reversal, was retired in 5010). */
export const ADJUSTMENT_GROUP_CODES = ['CO', 'OA', 'PI', 'PR'] as const;

/**
 * CAS adjustment: a group code and up to six reason/amount/quantity triplets. `groupCodes` is CAS01's
 * list where a guide's loop lists more than {@link ADJUSTMENT_GROUP_CODES} (837I X223A2: CR too).
 */
export function cas(key = 'adjustments', maxUse = 99, groupCodes: readonly string[] = ADJUSTMENT_GROUP_CODES): SegmentDef {
  return asList(
    withSyntax(
      seg('CAS', key, 'S', maxUse, [
        el('groupCode', 'ID', 'R', 1, 2, { codes: groupCodes }),
        group('adjustments', 6, 1, [
          el('reasonCode', 'ID', 'R', 1, 5),
          el('amountCents', '$', 'R', 1, 18),
          el('quantity', 'R', 'S', 1, 15),
        ]),
      ]),
      // Triplets 2-6: a reason needs its amount (and may have a quantity); an amount or quantity needs its reason.
      [
        'L050607',
        'C0605',
        'C0705',
        'L080910',
        'C0908',
        'C1008',
        'L111213',
        'C1211',
        'C1311',
        'L141516',
        'C1514',
        'C1614',
        'L171819',
        'C1817',
        'C1917',
      ],
    ),
  );
}

/**
 * C003 composite medical procedure identifier (SVC01, SV101, SV202, SVD03...). `tail` marks C003-07
 * (description) and C003-08 (product id) Not Used with `false`, where a guide's loop says so (835
 * SVC01: both; SVC06: C003-08), and `modifiers: false` C003-03 to C003-06 (837P SV501); situational
 * by default.
 */
export function procedure(
  key: string,
  usage: 'R' | 'S',
  qualifiers: readonly string[],
  tail: { description?: boolean; productId?: boolean; modifiers?: boolean } = {},
): ElementDef {
  const modifier = (k: string) => (tail.modifiers === false ? unused : el(k, 'AN', 'S', 2, 2));
  return composite(key, usage, [
    el('qualifier', 'ID', 'R', 2, 2, { codes: qualifiers }),
    el('code', 'AN', 'R', 1, 48),
    modifier('modifier1'),
    modifier('modifier2'),
    modifier('modifier3'),
    modifier('modifier4'),
    tail.description === false ? unused : el('description', 'AN', 'S', 1, 80),
    tail.productId === false ? unused : el('productId', 'AN', 'S', 1, 48),
  ]);
}

/**
 * Health Care Claim Status Category Codes (external code list 507, maintained outside the guides: its
 * source and date are in code-lists/claim-status-categories.ts). Only the category is checked: the
 * claim status codes (list 508) change several times a year.
 */
export const CLAIM_STATUS_CATEGORIES = CLAIM_STATUS_CATEGORY_CODES;

export const PRODUCT_QUALIFIERS = ['AD', 'ER', 'HC', 'HP', 'IV', 'N4', 'N6', 'NU', 'UT', 'WK', 'ZZ'] as const;

/**
 * PRV provider information (taxonomy); `codes` narrows PRV01 and PRV02 to a loop's lists where a source
 * gives them. `taxonomy: 'S'` makes PRV02/PRV03 situational (still a pair), where a guide's loop lets a
 * PRV name the provider's role alone (X279A1).
 */
export function prv(
  usage: 'R' | 'S' = 'S',
  codes: { providerCodes?: readonly string[]; referenceQualifiers?: readonly string[]; taxonomy?: 'R' | 'S' } = {},
): SegmentDef {
  const taxonomy = codes.taxonomy ?? 'R';
  return withSyntax(
    seg('PRV', 'provider', usage, 1, [
      el('providerCode', 'ID', 'R', 1, 3, codes.providerCodes ? { codes: codes.providerCodes } : {}),
      el('referenceQualifier', 'ID', taxonomy, 2, 3, codes.referenceQualifiers ? { codes: codes.referenceQualifiers } : {}),
      el('taxonomyCode', 'AN', taxonomy, 1, 50),
    ]),
    ['P0203'],
  );
}

/**
 * DMG demographics. `parts: 'R'` makes DMG02 (birth date) and DMG03 (gender) required, where a guide's
 * loop says so; `format: 'S'` makes DMG01 situational (paired with DMG02 by P0102), for a DMG that may
 * carry the gender alone (X279A1 271).
 */
export function dmg(usage: 'R' | 'S' = 'S', parts: 'R' | 'S' = 'S', format: 'R' | 'S' = 'R'): SegmentDef {
  return withSyntax(
    seg('DMG', 'demographics', usage, 1, [
      el('format', 'ID', format, 2, 3, { codes: ['D8'] }),
      el('dateOfBirth', 'AN', parts, 1, 35, { formatFrom: 1 }),
      el('gender', 'ID', parts, 1, 1, { codes: ['F', 'M', 'U'] }),
    ]),
    // DMG10/DMG11 (code list qualifier and code) and DMG05 (race) are Not Used by these guides.
    ['P0102', 'P1011', 'C1105'],
  );
}

/**
 * TRN trace number; `traceTypes` is the loop's TRN01 list where a source gives one; `originator: 'R'`
 * makes TRN03 (the trace assigning entity) required, where a guide's loop says so (X279A1).
 */
export function trn(
  key = 'traces',
  usage: 'R' | 'S' = 'S',
  maxUse = 3,
  traceTypes?: readonly string[],
  originator: 'R' | 'S' = 'S',
): SegmentDef {
  const def = seg('TRN', key, usage, maxUse, [
    el('traceType', 'ID', 'R', 1, 2, traceTypes ? { codes: traceTypes } : {}),
    el('traceNumber', 'AN', 'R', 1, 50),
    el('originatorId', 'AN', originator, 10, 10),
    el('originatorSupplementalId', 'AN', 'S', 1, 50),
  ]);
  return maxUse > 1 ? asList(def) : def;
}

/**
 * AAA request validation (271 errors). `codes` gives a loop's AAA03 (reject reason) and AAA04
 * (follow-up action) lists, both then required (X279A1: every AAA says why and what to do).
 */
export function aaa(codes?: { reasons: readonly string[]; actions: readonly string[] }): SegmentDef {
  return seg('AAA', 'requestErrors', 'S', 9, [
    el('validRequest', 'ID', 'R', 1, 1, { codes: ['Y', 'N'] }),
    unused,
    el('rejectReasonCode', 'ID', codes ? 'R' : 'S', 2, 2, codes ? { codes: codes.reasons } : {}),
    el('followUpActionCode', 'ID', codes ? 'R' : 'S', 1, 1, codes ? { codes: codes.actions } : {}),
  ]);
}

/** SV1: unit basis (SV103) and quantity (SV104) as a pair. */
export const SV1_SYNTAX = ['P0304'] as const;
/** SV2: a procedure (SV202) or a charge (SV203); unit basis (SV204) and quantity (SV205) as a pair. */
export const SV2_SYNTAX = ['R0203', 'P0405'] as const;

/** HSD: a quantity qualifier (HSD01) with its quantity (HSD02); a period count (HSD06) needs its time period qualifier (HSD05). */
export const HSD_SYNTAX = ['P0102', 'C0605'] as const;
/** MSG: a printer carriage control code (MSG03) needs its text's number (MSG02). */
export const MSG_SYNTAX = ['C0302'] as const;
/** INS: a date format (INS11) with its date (INS12). */
export const INS_SYNTAX = ['P1112'] as const;

/**
 * Code lists of an HCP, where a guide's loop gives them (see {@link hcp}). `procedureQualifiers: false`
 * marks HCP09/HCP10 (the approved procedure) Not Used (837I 2300); `revenueCode: true` keeps HCP08
 * (the approved revenue code), Not Used otherwise.
 */
export interface HcpLists {
  methodologies: readonly string[];
  procedureQualifiers: readonly string[] | false;
  unitBases: readonly string[];
  rejectReasons: readonly string[];
  policyCompliance: readonly string[];
  exceptions: readonly string[];
  revenueCode?: boolean;
}

/**
 * HCP pricing/repricing information: kept whole so repriced claims are not lost. `lists` narrows the
 * coded elements, makes HCP02 (allowed amount) required and marks what the loop does not use Not Used
 * (837P 2400: HCP08; 837I 2300: HCP09/HCP10), where a guide's loop says so; without it every element
 * is open, as before.
 */
export function hcp(lists?: HcpLists): SegmentDef {
  const codes = (c: readonly string[] | false | undefined) => (c ? { codes: c } : {});
  const procedure = lists?.procedureQualifiers !== false;
  const def = seg('HCP', 'repricing', 'S', 1, [
    el('pricingMethodology', 'ID', 'R', 2, 2, codes(lists?.methodologies)),
    el('allowedCents', '$', lists ? 'R' : 'S', 1, 18),
    el('savingsCents', '$', 'S', 1, 18),
    el('organizationId', 'AN', 'S', 1, 50),
    el('perDiemRate', 'R', 'S', 1, 9),
    el('approvedDrgCode', 'AN', 'S', 1, 50),
    el('approvedDrgCents', '$', 'S', 1, 18),
    lists && lists.revenueCode !== true ? unused : el('approvedRevenueCode', 'AN', 'S', 1, 48),
    procedure ? el('procedureQualifier', 'ID', 'S', 2, 2, codes(lists?.procedureQualifiers)) : unused,
    procedure ? el('approvedProcedureCode', 'AN', 'S', 1, 48) : unused,
    el('unitBasis', 'ID', 'S', 2, 2, codes(lists?.unitBases)),
    el('approvedUnits', 'R', 'S', 1, 15),
    el('rejectReasonCode', 'ID', 'S', 2, 2, codes(lists?.rejectReasons)),
    el('policyComplianceCode', 'ID', 'S', 1, 2, codes(lists?.policyCompliance)),
    el('exceptionCode', 'ID', 'S', 1, 2, codes(lists?.exceptions)),
  ]);
  // HCP01 or HCP13 (a reject reason); HCP09/HCP10 procedure and HCP11/HCP12 units each in pairs.
  return withSyntax(def, ['R0113', 'P0910', 'P1112']);
}

/**
 * MIA inpatient adjudication: the 835's (2100) and, as the prior payer's, the 837I's (2320, where
 * pyx12's X223A2 map makes MIA02, the PPS operating outlier amount, Not Used: `ppsOperatingOutlier: false`).
 */
export function mia(shape: { ppsOperatingOutlier?: boolean } = {}): SegmentDef {
  return seg('MIA', 'inpatientAdjudication', 'S', 1, [
    el('coveredDays', 'R', 'R', 1, 15),
    shape.ppsOperatingOutlier === false ? unused : el('ppsOperatingOutlierCents', '$', 'S', 1, 18),
    el('lifetimePsychiatricDays', 'R', 'S', 1, 15),
    el('drgAmountCents', '$', 'S', 1, 18),
    el('remarkCode1', 'AN', 'S', 1, 50),
    el('disproportionateShareCents', '$', 'S', 1, 18),
    el('mspPassThroughCents', '$', 'S', 1, 18),
    el('ppsCapitalCents', '$', 'S', 1, 18),
    el('ppsCapitalFspDrgCents', '$', 'S', 1, 18),
    el('ppsCapitalHspDrgCents', '$', 'S', 1, 18),
    el('ppsCapitalDshDrgCents', '$', 'S', 1, 18),
    el('oldCapitalCents', '$', 'S', 1, 18),
    el('ppsCapitalImeCents', '$', 'S', 1, 18),
    el('ppsOperatingHospitalSpecificDrgCents', '$', 'S', 1, 18),
    el('costReportDayCount', 'R', 'S', 1, 15),
    el('ppsOperatingFederalSpecificDrgCents', '$', 'S', 1, 18),
    el('ppsCapitalOutlierCents', '$', 'S', 1, 18),
    el('indirectTeachingCents', '$', 'S', 1, 18),
    el('nonpayableProfessionalCents', '$', 'S', 1, 18),
    el('remarkCode2', 'AN', 'S', 1, 50),
    el('remarkCode3', 'AN', 'S', 1, 50),
    el('remarkCode4', 'AN', 'S', 1, 50),
    el('remarkCode5', 'AN', 'S', 1, 50),
    el('ppsCapitalExceptionCents', '$', 'S', 1, 18),
  ]);
}

/** MOA outpatient adjudication: the 835's (2100) and, as the prior payer's, the 837's (2320). */
export function moa(): SegmentDef {
  return seg('MOA', 'outpatientAdjudication', 'S', 1, [
    el('reimbursementRate', 'R', 'S', 1, 10),
    el('hcpcsPayableCents', '$', 'S', 1, 18),
    el('remarkCode1', 'AN', 'S', 1, 50),
    el('remarkCode2', 'AN', 'S', 1, 50),
    el('remarkCode3', 'AN', 'S', 1, 50),
    el('remarkCode4', 'AN', 'S', 1, 50),
    el('remarkCode5', 'AN', 'S', 1, 50),
    el('esrdPaymentCents', '$', 'S', 1, 18),
    el('nonpayableProfessionalCents', '$', 'S', 1, 18),
  ]);
}

/**
 * CR1 ambulance transport: weight unit and weight, distance unit and distance, each in pairs. The
 * transport reason, distance unit and distance (CR104-CR106) are required in the 837P, situational
 * in the 278 (`transport`). CR103 (transport code) is required with I, R, T, X in pyx12's X222A1 map
 * and Not Used in stupidedi's guide: situational.
 */
export function cr1(transport: 'R' | 'S'): SegmentDef {
  return withSyntax(
    seg('CR1', 'ambulanceTransport', 'S', 1, [
      el('weightUnit', 'ID', 'S', 2, 2, { codes: ['LB'] }),
      el('weight', 'R', 'S', 1, 10),
      el('transportCode', 'ID', 'S', 1, 1, { codes: ['I', 'R', 'T', 'X'] }),
      el('reasonCode', 'ID', transport, 1, 1, { codes: ['A', 'B', 'C', 'D', 'E'] }),
      el('distanceUnit', 'ID', transport, 2, 2, { codes: ['DH'] }),
      el('distance', 'R', transport, 1, 15),
      unused,
      unused,
      el('roundTripPurpose', 'AN', 'S', 1, 80),
      el('stretcherPurpose', 'AN', 'S', 1, 80),
    ]),
    ['P0102', 'P0506'],
  );
}

/**
 * CRC conditions indicator: a category (CRC01) answered Y or N (CRC02, `answered: false` leaves it
 * unlisted) with up to five conditions (CRC03-CRC07). `conditions` lists CRC03-CRC07 alike; `first`
 * lists CRC03 alone; `count: 3` makes CRC06/CRC07 Not Used.
 */
export function crc(
  maxUse: number,
  lists: {
    categories?: readonly string[];
    answered?: boolean;
    first?: readonly string[];
    conditions?: readonly string[];
    count?: 3 | 5;
  } = {},
): SegmentDef {
  const codes = (list: readonly string[] | undefined) => (list ? { codes: list } : {});
  const condition = (n: number): ElementDef =>
    n > (lists.count ?? 5)
      ? unused
      : el(`condition${n}`, 'ID', n === 1 ? 'R' : 'S', 2, 3, codes(n === 1 ? (lists.first ?? lists.conditions) : lists.conditions));
  return seg('CRC', 'conditions', 'S', maxUse, [
    el('category', 'ID', 'R', 2, 3, codes(lists.categories)),
    el('response', 'ID', 'R', 1, 1, codes(lists.answered === false ? undefined : ['N', 'Y'])),
    ...[1, 2, 3, 4, 5].map(condition),
  ]);
}
