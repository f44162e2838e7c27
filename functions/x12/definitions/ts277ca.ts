/**
 * 277CA Health Care Claim Acknowledgment (005010X214) as its own guide: loops 2000A-2000D with their
 * 2100x names and 2200x tracking loops, 2220D service lines, and the X214 usage of every STC element
 * per level. The model has the shape of the 277 (X212) model (`ClaimStatus27x`), so one reader of
 * claim statuses serves both.
 */
import { asList, composite, el, loop, seg, unused, UNBOUNDED } from '#functions/x12/schema.ts';
import type { ElementDef, LoopDef, LoopRule, SegmentDef, TransactionSetDef, Usage } from '#functions/x12/schema.ts';
import { amt, bht, CLAIM_STATUS_CATEGORIES, hl, narrowedNameLoop, nm1, procedure, qty, ref, se, st } from './common.ts';
import type { NameParts } from './common.ts';

/** STC01-3 entity identifier codes X214 allows at each level. */
const ENTITY_CODES = {
  receiver: ['36', '40', '41', 'AY', 'PR'],
  provider: ['36', '40', '41', '77', '82', '85', '87', 'AY', 'PR'],
  claim: [
    '03',
    '1P',
    '1Z',
    '40',
    '41',
    '71',
    '72',
    '73',
    '77',
    '82',
    '85',
    '87',
    'DK',
    'DN',
    'DQ',
    'FA',
    'GB',
    'HK',
    'IL',
    'LI',
    'MSC',
    'PR',
    'PRP',
    'QB',
    'QC',
    'QD',
    'SEP',
    'TL',
    'TTP',
    'TU',
  ],
} as const;

/** C043 health care claim status; the category is checked against its external list, the status code (list 508) is not. */
function status(key: string, usage: Usage, entityCodes?: readonly string[]): ElementDef {
  return composite(key, usage, [
    el('categoryCode', 'ID', 'R', 1, 3, { codes: CLAIM_STATUS_CATEGORIES }),
    el('statusCode', 'AN', 'R', 1, 30),
    el('entityCode', 'ID', 'S', 2, 3, entityCodes ? { codes: entityCodes } : {}),
    { ...unused }, // STC0x-4 code list qualifier: Not Used in X214
  ]);
}

type Level = 'receiver' | 'provider' | 'claim' | 'line';

/** STC as X214 uses it at one level: which of STC02 (date), STC04 (charge) and STC12 (message) apply. */
function stc(level: Level, usage: Usage = 'R'): SegmentDef {
  const entityCodes = level === 'line' || level === 'claim' ? ENTITY_CODES.claim : ENTITY_CODES[level];
  const n = (key: string, type: ElementDef['type'], usage: Usage, min: number, max: number, options = {}): ElementDef =>
    usage === 'N' ? unused : el(key, type, usage, min, max, options);
  return asList(
    seg('STC', 'statuses', usage, level === 'line' ? 1 : UNBOUNDED, [
      status('status', 'R', entityCodes),
      // 2200C: pyx12's map marks STC02 Not Used, stupidedi's X214-HN277.rb Required, and the TR3's own
      // business scenario 4 (stupidedi X214-HN277/pass/business-scenario-4.edi) carries it: the union, situational.
      n('statusDate', 'DT', level === 'provider' ? 'S' : 'R', 8, 8),
      el('actionCode', 'ID', 'R', 1, 2, { codes: level === 'line' ? ['U'] : ['U', 'WQ'] }),
      n('chargeCents', '$', level === 'line' ? 'N' : 'R', 1, 18),
      unused, // STC05 payment
      unused, // STC06 adjudication date
      unused, // STC07 payment method
      unused, // STC08 check date
      unused, // STC09 check number
      status('status2', 'S'),
      status('status3', 'S'),
      n('message', 'AN', level === 'claim' ? 'S' : 'N', 1, 264),
    ]),
  );
}

/** TRN with its X214 trace type; TRN03/TRN04 are Not Used. */
function trn(traceType: '1' | '2'): SegmentDef {
  return seg('TRN', 'trace', 'R', 1, [
    el('traceType', 'ID', 'R', 1, 2, { codes: [traceType] }),
    el('traceNumber', 'AN', 'R', 1, 50),
    unused,
    unused,
  ]);
}

/** DTP with the qualifiers and formats X214 allows at its position. */
function dtp(usage: Usage, maxUse: number, qualifiers: readonly string[], formats: readonly string[]): SegmentDef {
  return asList(
    seg('DTP', 'dates', usage, maxUse, [
      el('qualifier', 'ID', 'R', 3, 3, { codes: qualifiers }),
      el('format', 'ID', 'R', 2, 3, { codes: formats }),
      el('value', 'AN', 'R', 1, 35, { formatFrom: 2 }),
    ]),
  );
}

/**
 * NM1 element usage per name loop, from pyx12's 277.5010.X214.xml: in all four the party is
 * identified (NM108/NM109 required), its name or last name (NM103) is required and the relation
 * elements (NM110, NM111, and NM112 where the map lists it) are Not Used; the information source
 * (2100A) is an organization named by NM103 alone (NM104-NM107 Not Used), the information receiver
 * (2100B) has no prefix or suffix (NM106/NM107 Not Used).
 */
const IDENTIFIED = { related: false, id: 'R' } as const;
const SOURCE_NAME: NameParts = ['R', 'N', 'N', 'N', 'N'];
const RECEIVER_NAME: NameParts = ['R', 'S', 'S', 'N', 'N'];
/** NM103-NM107 of the 2100C provider and the 2100D patient. */
const FULL_NAME: NameParts = ['R', 'S', 'S', 'S', 'S'];

/** 2200A carries both the receipt date (DTP*050) and the process date (DTP*009). */
const receiptAndProcessDates: LoopRule = {
  code: 'MISSING_SEGMENT',
  expected: 'DTP*050 (receipt date) and DTP*009 (process date)',
  holds: (loop) => {
    const qualifiers = ((loop.dates as { qualifier?: string }[] | undefined) ?? []).map((d) => d.qualifier);
    return qualifiers.includes('050') && qualifiers.includes('009');
  },
};

/** HL of the patient level: HL04 is Not Used in X214. */
const patientHl: SegmentDef = hl(['PT'], true, true);

const serviceLine: LoopDef = loop('2220D', 'services', 'S', UNBOUNDED, [
  seg('SVC', 'service', 'R', 1, [
    procedure('procedure', 'R', ['AD', 'ER', 'HC', 'HP', 'IV', 'NU', 'WK']),
    el('chargeCents', '$', 'R', 1, 18),
    unused, // SVC03 payment
    el('revenueCode', 'AN', 'S', 1, 48),
    unused, // SVC05 units paid
    unused, // SVC06 original procedure
    el('units', 'R', 'S', 1, 15),
  ]),
  stc('line'),
  ref('references', 'S', 2, ['FJ', 'XZ']),
  dtp('S', 1, ['472'], ['D8', 'RD8']),
]);

// Situational, as 2000C and 2200C below (pyx12 277.5010.X214.xml marks all three Required): the TR3's
// business scenarios 2, 3 and 4 (stupidedi X214-HN277/pass/business-scenario-*.edi) end a rejected
// receiver at 2000B, name a provider without a 2200C trace, and end a rejected provider at 2000C.
const patient: LoopDef = loop('2000D', 'subscribers', 'S', UNBOUNDED, [
  patientHl,
  loop('2100D', 'name', 'R', 1, [
    nm1('name', ['QC'], 'R', 1, { entityTypes: ['1'], idQualifiers: ['II', 'MI'], names: FULL_NAME, ...IDENTIFIED }),
  ]),
  loop('2200D', 'claims', 'S', UNBOUNDED, [
    trn('2'),
    stc('claim'),
    ref('references', 'S', 3, ['1K', 'D9', 'BLT']),
    // Situational: the TR3's business scenarios 3 and 4 reject a claim for a missing or invalid service
    // date and send no DTP ("most translators will not generate/echo an invalid date").
    dtp('S', 1, ['472'], ['D8', 'RD8']),
    serviceLine,
  ]),
]);

const provider: LoopDef = loop('2000C', 'providers', 'S', UNBOUNDED, [
  hl(['19']),
  // Repeats (pyx12 277.5010.X214.xml `<repeat>>1</repeat>`; stupidedi X214-HN277.rb unbounded): the
  // provider may be named by NPI and by tax id, so `name` is a list.
  loop('2100C', 'name', 'R', UNBOUNDED, [
    nm1('name', ['85'], 'R', 1, { idQualifiers: ['FI', 'SV', 'XX'], names: FULL_NAME, ...IDENTIFIED }),
  ]),
  asList(
    loop('2200C', 'claims', 'S', 1, [
      trn('1'),
      // Situational: payers (e.g. New York Medicaid) report provider-level status only when there is one.
      stc('provider', 'S'),
      ref('references', 'S', 1, ['0B', '1G', 'G2', 'LU', 'SY', 'TJ']),
      qty('quantities', 'S', 2, ['QA', 'QC']),
      amt('amounts', 'S', 2, ['YU', 'YY']),
    ]),
  ),
  patient,
]);

const receiver: LoopDef = loop('2000B', 'receivers', 'R', 1, [
  hl(['21']),
  // NM101 41 only (pyx12 277.5010.X214.xml 2100B), kept in the model as entityCode and matched on no
  // code (the only NM1 at its place): a wrong NM101 is an INVALID_CODE at NM101, as in the 276/277.
  narrowedNameLoop('2100B', '41', RECEIVER_NAME, { idQualifiers: ['46'] }),
  asList(
    loop('2200B', 'claims', 'R', 1, [
      trn('2'),
      stc('receiver'),
      qty('quantities', 'S', 2, ['90', 'AA']),
      amt('amounts', 'S', 2, ['YU', 'YY']),
    ]),
  ),
  provider,
]);

const source: LoopDef = loop('2000A', 'sources', 'R', UNBOUNDED, [
  hl(['20']),
  loop('2100A', 'name', 'R', 1, [
    nm1('name', ['PR', 'AY'], 'R', 1, { entityTypes: ['2'], idQualifiers: ['46', 'FI', 'PI', 'XV'], names: SOURCE_NAME, ...IDENTIFIED }),
  ]),
  loop('2200A', 'claims', 'R', UNBOUNDED, [trn('1'), dtp('R', 2, ['050', '009'], ['D8'])], [receiptAndProcessDates]),
  asList(receiver),
]);

/** 277CA claim acknowledgment (005010X214). */
export const TS277CA: TransactionSetDef = {
  id: '277',
  version: '005010X214',
  functionalId: 'HN',
  name: 'Health Care Claim Acknowledgment',
  root: loop('ST', 'transaction', 'R', 1, [st('277'), bht('0085', ['08'], ['TH']), source, se]),
};
