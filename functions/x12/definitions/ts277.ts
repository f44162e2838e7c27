/** 276/277 claim status (005010X212), as data. The 277CA (005010X214) is its own guide: ts277ca.ts. */
import { composite, el, loop, seg, UNBOUNDED, unused, unusedElements } from '#functions/x12/schema.ts';
import type { LoopDef, SegmentDef, TransactionSetDef } from '#functions/x12/schema.ts';
import {
  amt,
  bht,
  CLAIM_STATUS_CATEGORIES,
  dmg,
  dtp,
  hl,
  narrowedNameLoop,
  nm1,
  per,
  procedure,
  PRODUCT_QUALIFIERS,
  ref,
  se,
  st,
  trn,
} from './common.ts';
import type { NameParts } from './common.ts';

/**
 * C043 health care claim status. The code list qualifier (component 4) is RX (NCPDP reject codes)
 * at the claim and line levels (pyx12 277.5010.X212.xml, STC01-04, STC10-04 and STC11-04 there).
 * The map marks it Not Used at the receiver and provider levels: a value there is an UNUSED_ELEMENT
 * at STC01-4 (or STC10-4, STC11-4).
 */
const status = (key: string, usage: 'R' | 'S', batch: boolean, entityCodes?: readonly string[]) =>
  composite(key, usage, [
    el('categoryCode', 'ID', 'R', 1, 3, { codes: CLAIM_STATUS_CATEGORIES }),
    el('statusCode', 'AN', 'R', 1, 30),
    el('entityCode', 'ID', 'S', 2, 3, entityCodes ? { codes: entityCodes } : {}),
    batch ? unused : el('codeListQualifier', 'ID', 'S', 1, 3, { codes: ['RX'] }),
  ]);

/*
 * STC01-3 (the entity the status is about) per loop of the 277, from pyx12's 277.5010.X212.xml:
 * 2200B 41, AY, PR; 2200C 1P; 2200D, 2200E, 2220D and 2220E the list below. The map lists 1P alone
 * in 2200C, but a valid public file (LinuxForHealth x12 provider-level-status.277, a TR3 example)
 * answers STC*E0:24:85 there: the billing provider (its 2100C names the provider NM1*1P, as the map
 * requires). The wider list is kept (see functions/x12/README.md). STC10-3 and STC11-3 get no
 * list: the X212 map lists none for them in any loop and the X214 map names the whole external list
 * (entity_id) there.
 */
/** 277 2200B STC01-3: 41 information receiver, AY clearinghouse, PR payer. */
const RECEIVER_STATUS_ENTITIES_277 = ['41', 'AY', 'PR'];
/** 277 2200C STC01-3: 1P provider (the map), 85 billing provider (a valid public file). */
const PROVIDER_STATUS_ENTITIES_277 = ['1P', '85'];
/** 277 2200D/2200E and 2220D/2220E STC01-3 (pyx12 277.5010.X212.xml, the same list in the four loops). */
const CLAIM_STATUS_ENTITIES_277 = [
  ...'03 13 17 1E 1G 1H 1I 1O 1P 1Q 1R 1S 1T 1U 1V 1W 1X 1Y 1Z 28 2A 2B 2D 2E 2I 2K 2P 2Q 2S 2Z 30 36'.split(' '),
  ...'3A 3C 3D 3E 3F 3G 3H 3I 3J 3K 3L 3M 3N 3O 3P 3Q 3R 3S 3T 3U 3V 3W 3X 3Y 3Z 40 43 44'.split(' '),
  ...'4A 4B 4C 4D 4E 4F 4G 4H 4I 4J 4L 4M 4N 4O 4P 4Q 4R 4S 4U 4V 4W 4X 4Y 4Z'.split(' '),
  ...'5A 5B 5C 5D 5E 5F 5G 5H 5I 5J 5K 5L 5M 5N 5O 5P 5Q 5R 5S 5T 5U 5V 5W 5X 5Y 5Z 61'.split(' '),
  ...'6A 6B 6C 6D 6E 6F 6G 6H 6I 6J 6K 6L 6M 6N 6O 6P 6Q 6R 6S 6U 6V 6W 6X 6Y 71 72 73 74 77 7C'.split(' '),
  ...'80 82 84 85 87 95 CK CZ D2 DD DJ DK DN DO DQ E1 E2 E7 E9 FA FD FE G0 G3 GB GD GI GJ GK GM GY'.split(' '),
  ...'HF HH I3 IJ IL IN LI LR MR MSC OB OD OX P0 P2 P3 P4 P6 P7 PRP PT PV PW QA QB QC QD QE QH QK'.split(' '),
  ...'QL QN QO QS QV QY RC RW S4 SEP SJ SU T4 TL TQ TT TTP TU UH X3 X4 X5 ZZ'.split(' '),
];

/**
 * STC status information per level, as pyx12's 277.5010.X212.xml gives each loop's usage:
 * - receiver and provider (2200B, 2200C): the status and its date (STC02 required); STC03-STC09 and
 *   the message (STC12) Not Used: a batch has a status, not a claim's amounts.
 * - claim (2200D, 2200E): STC02 required; the total charge (STC04), payment (STC05), adjudication
 *   date (STC06), remittance date (STC08, key `checkDate`) and remittance trace number (STC09, key
 *   `checkNumber`) situational; the action code (STC03), payment method (STC07) and message (STC12)
 *   Not Used. Those three are the 277CA's claim-level fields (ts277ca.ts); the one public X212 file
 *   that sends STC03 and STC12 (imsweb's x12_277_x212.txt, a clearinghouse's, whose IEA02 is wrong
 *   too) is reported for them (functions/x12/README.md).
 * - service line (2220D, 2220E): the status and its date (STC02 required); STC03-STC09 and STC12
 *   Not Used.
 * STC10 and STC11 (further statuses) are situational at every level.
 */
function statusSegment(entityCodes: readonly string[], level: 'batch' | 'claim' | 'line'): SegmentDef {
  const batch = level === 'batch';
  const amounts =
    level === 'claim'
      ? [
          unused,
          el('chargeCents', '$', 'S', 1, 18),
          el('paymentCents', '$', 'S', 1, 18),
          el('adjudicationDate', 'DT', 'S', 8, 8),
          unused,
          el('checkDate', 'DT', 'S', 8, 8),
          el('checkNumber', 'AN', 'S', 1, 16),
        ]
      : unusedElements(7);
  // Required in each loop that has it (the map's STC usage is R in 2200B-2200E and 2220D/2220E).
  return seg('STC', 'statuses', 'R', UNBOUNDED, [
    status('status', 'R', batch, entityCodes),
    el('statusDate', 'DT', 'R', 8, 8),
    ...amounts,
    status('status2', 'S', batch),
    status('status3', 'S', batch),
    unused,
  ]);
}

/** The 277's STC per loop. */
const STC_277 = {
  receiver: statusSegment(RECEIVER_STATUS_ENTITIES_277, 'batch'),
  provider: statusSegment(PROVIDER_STATUS_ENTITIES_277, 'batch'),
  claim: statusSegment(CLAIM_STATUS_ENTITIES_277, 'claim'),
  line: statusSegment(CLAIM_STATUS_ENTITIES_277, 'line'),
};

/**
 * SVC of the service line loop. The 277's (pyx12 277.5010.X212.xml 2220D/2220E): the line's charge
 * and payment (SVC03 required), the revenue code and the units of service (SVC07 required); the
 * quantity (SVC05) and the original procedure (SVC06) Not Used. The 276's (stupidedi
 * X212-HR276.rb 2210D/2210E): the charge, the revenue code and the units (situational); SVC03,
 * SVC05 and SVC06 Not Used.
 */
function svc(request: boolean): SegmentDef {
  return seg('SVC', 'service', 'R', 1, [
    procedure('procedure', 'R', PRODUCT_QUALIFIERS),
    el('chargeCents', '$', 'R', 1, 18),
    request ? unused : el('paymentCents', '$', 'R', 1, 18),
    el('revenueCode', 'AN', 'S', 1, 48),
    unused,
    unused,
    el('units', 'R', request ? 'S' : 'R', 1, 15),
  ]);
}

/** DTP01 in the claim and service-line loops of X212: the service date. */
const SERVICE_DATE = ['472'];

/*
 * Per-loop code lists of the 277 (X212), from pyx12's map 277.5010.X212.xml (2100A, 2200B-2200E,
 * 2220D/2220E); the 276's are below.
 */
/** 277 2200D/2200E REF01: 1K payer claim control number, BLT bill type, EJ patient control number, XZ prescription number, VV voucher, D9 clearinghouse trace. */
export const CLAIM_REFERENCES_277: readonly string[] = ['1K', 'BLT', 'EJ', 'XZ', 'VV', 'D9'];
/** 277 2220D/2220E REF01: FJ line item control number. */
const LINE_REFERENCES_277 = ['FJ'];
/*
 * Per-loop code lists of the 276 (X212), from stupidedi's guide X212-HR276.rb (BSD,
 * github.com/kputnam/stupidedi, lib/stupidedi/guides/005010/): 2200D/2200E and 2210D/2210E.
 */
/** 276 2200D/2200E TRN01: 1 (current transaction trace). */
const CLAIM_TRACE_TYPES_276 = ['1'];
/** 276 2200D/2200E REF01: 1K payer claim control number, BLT bill type, LU location system, 6P group number, EJ patient control number, XZ prescription number, D9 clearinghouse trace. */
const CLAIM_REFERENCES_276 = ['1K', 'BLT', 'LU', '6P', 'EJ', 'XZ', 'D9'];
/** 276 2200D/2200E AMT01: T3 total submitted charges. */
const CLAIM_AMOUNTS_276 = ['T3'];
/** 276 2210D/2210E REF01: FJ line item control number. */
const LINE_REFERENCES_276 = ['FJ'];

/** 277 TRN01 per loop: 2 (referenced transaction trace) in 2200B, 2200D, 2200E; 1 (current transaction trace) in the provider's 2200C. */
const TRACE_TYPES_277: Readonly<Record<string, readonly string[]>> = { '2200B': ['2'], '2200C': ['1'], '2200D': ['2'], '2200E': ['2'] };
/** 277 2100A PER01: IC information contact. */
const PAYER_CONTACT_FUNCTIONS_277 = ['IC'];
/** 277 2100A PER03: ED, EM, FX, TE (no EX: the map lists the extension at PER05/PER07 only). */
const PAYER_FIRST_CONTACT_NUMBERS_277 = ['ED', 'EM', 'FX', 'TE'];
/** 277 2100A PER05/PER07: ED, EM, EX, FX, TE. */
const PAYER_CONTACT_NUMBERS_277 = ['ED', 'EM', 'EX', 'FX', 'TE'];

function serviceLoop(id: string, request: boolean): LoopDef {
  // The line's service date is required in both (pyx12 2220D/2220E DTP usage R; stupidedi 2210D/2210E DTP Required).
  const after: SegmentDef[] = request
    ? [ref('references', 'S', 1, LINE_REFERENCES_276), dtp('dates', 'R', 1, SERVICE_DATE)]
    : [STC_277.line, ref('references', 'S', 1, LINE_REFERENCES_277), dtp('dates', 'R', 1, SERVICE_DATE)];
  return loop(id, 'services', 'S', UNBOUNDED, [svc(request), ...after]);
}

/**
 * The TRN loop (2200x): status tracking per claim (2200D/2200E), or per information receiver (2200B)
 * or provider (2200C) in the 277. The 277's loops hold what pyx12's 277.5010.X212.xml lists: 2200B and
 * 2200C only TRN and STC; 2200D and 2200E TRN, STC, the claim's REFs and one DTP (no QTY or AMT:
 * those are the 277CA's, ts277ca.ts). The 276's follow stupidedi's X212-HR276.rb: TRN, REFs, AMT, DTP.
 * `status` is the 277's STC for this level (the caller knows which; default the claim's); `usage`
 * the loop's (situational but for the dependent's 2200E, below).
 */
function trackingLoop(
  id: string,
  request: boolean,
  withServices: boolean,
  { status = STC_277.claim, usage = 'S' }: { status?: SegmentDef; usage?: 'R' | 'S' } = {},
): LoopDef {
  const segs: SegmentDef[] = request
    ? [
        // Each reference once (the guides give each its own REF segment of one use).
        ref('references', 'S', CLAIM_REFERENCES_276.length, CLAIM_REFERENCES_276),
        amt('amounts', 'S', 1, CLAIM_AMOUNTS_276),
        dtp('dates', 'S', 1, SERVICE_DATE),
      ]
    : withServices
      ? [status, ref('references', 'S', CLAIM_REFERENCES_277.length, CLAIM_REFERENCES_277), dtp('dates', 'S', 1, SERVICE_DATE)]
      : [status];
  const children: (SegmentDef | LoopDef)[] = [...segs];
  if (withServices) children.push(serviceLoop(`${id.slice(0, 2)}${request ? '10' : '20'}${id.slice(4)}`, request));
  return loop(id, 'claims', usage, UNBOUNDED, [trn('trace', 'R', 1, request ? CLAIM_TRACE_TYPES_276 : TRACE_TYPES_277[id]), ...children]);
}

/*
 * NM1 element usage per name loop, from pyx12's 277.5010.X212.xml and stupidedi's X212-HR276.rb,
 * which agree: NM110-NM112 Not Used and the name prefix (NM106) Not Used in every loop; the payer
 * (2100A) an organization (NM102 2) named by NM103 alone (NM104-NM107 Not Used); the information
 * receiver (2100B) without a suffix (NM107 Not Used); the subscriber and the dependent (2100D,
 * 2100E) with a required last name, the dependent a person (NM102 1). The payer, the information
 * receiver, the provider and the subscriber are identified: NM108/NM109 required in 2100A-2100D
 * (pyx12's 277 map and stupidedi's 276 alike: `narrowedNameLoop`); the dependent never is (2100E, below).
 */
/** NM103-NM107 of the 2100A payer. */
const PAYER_NAME: NameParts = ['R', 'N', 'N', 'N', 'N'];
/** NM103-NM107 of the 2100B information receiver. */
const RECEIVER_NAME: NameParts = ['S', 'S', 'S', 'N', 'N'];
/** NM103-NM107 of the 2100C provider. */
const PROVIDER_NAME: NameParts = ['S', 'S', 'S', 'N', 'S'];
/** Uses of the 2100C provider name loop in the 276 and the 277 (both sources: 2). */
const PROVIDER_NAME_REPEAT = 2;
/** NM103-NM107 of the 2100D subscriber and the 2100E dependent. */
const PATIENT_NAME: NameParts = ['R', 'S', 'S', 'N', 'S'];

function build(setId: '276' | '277'): TransactionSetDef {
  const request = setId === '276';
  // DMG in the 276 only: the 277 map's 2000D/2000E hold the HL and the name loop, no demographics.
  // In the 276 (stupidedi X212-HR276.rb) the subscriber's is situational (sent when the subscriber
  // is the patient), the dependent's required: a dependent is found by name and birth date.
  const dependent = loop('2000E', 'dependents', 'S', UNBOUNDED, [
    // HL04 Not Used: the dependent level has no children (pyx12 277 map; stupidedi 276).
    hl(['23'], false, true),
    ...(request ? [dmg('R')] : []),
    // A dependent is named, never identified: NM108/NM109 Not Used (pyx12 277.5010.X212.xml 2100E;
    // stupidedi X212-HR276.rb 2100E for the 276).
    loop('2100E', 'name', 'R', 1, [nm1('name', ['QC'], 'R', 1, { id: 'N', entityTypes: ['1'], names: PATIENT_NAME, related: false })]),
    // Required: a dependent level exists for its claims (pyx12 277.5010.X212.xml 2200E usage R;
    // stupidedi X212-HR276.rb 2200E, TRN required). 2200D stays situational in both: a subscriber
    // level may only lead to its dependents.
    trackingLoop('2200E', request, true, { usage: 'R' }),
  ]);
  // HL03 22 and NM101 IL only (pyx12 277 map 2000D/2100D; stupidedi 276): PT and QC were accepted
  // beside them, and are the 277CA's patient level (ts277ca.ts), not X212's. Both stay in the model.
  const subscriber = loop('2000D', 'subscribers', 'S', UNBOUNDED, [
    hl(['22'], true),
    ...(request ? [dmg()] : []),
    narrowedNameLoop('2100D', 'IL', PATIENT_NAME, { idQualifiers: ['24', 'II', 'MI'] }),
    trackingLoop('2200D', request, true),
    dependent,
  ]);
  const provider = loop('2000C', 'providers', 'S', UNBOUNDED, [
    hl(['19']),
    // NM101 1P alone in the 277 (pyx12 277.5010.X212.xml 2100C) and the 276 (stupidedi X212-HR276.rb
    // 2100C). 85 was accepted beside it; no public X212 file uses it (every 2100C of the corpus is
    // NM1*1P), so it is an error at NM101 now. NM101 stays in the model as entityCode.
    // Repeat 2 in both sources (pyx12 `<repeat>2</repeat>`; stupidedi `RepeatCount.bounded(2)`),
    // with one definition for both uses: the second NM1 is 1P too, with the same NM108 list (FI,
    // SV, XX), so `name` is a list of one or two parties here (the 277CA's repeats without bound).
    narrowedNameLoop('2100C', '1P', PROVIDER_NAME, { idQualifiers: ['FI', 'SV', 'XX'] }, [], PROVIDER_NAME_REPEAT),
    ...(request ? [] : [trackingLoop('2200C', false, false, { status: STC_277.provider })]),
    subscriber,
  ]);
  const receiver = loop('2000B', 'receivers', 'R', UNBOUNDED, [
    hl(['21']),
    // NM101 41 and NM108 46 (ETIN) only, in the 276 and 277 alike (pyx12 277.5010.X212.xml; stupidedi
    // X212-HR276.rb). NM101 stays in the model as entityCode, so a wrong one is an INVALID_CODE at
    // NM101 (it used to be an unexpected NM1 with 2100B missing).
    narrowedNameLoop('2100B', '41', RECEIVER_NAME, { idQualifiers: ['46'] }),
    ...(request ? [] : [trackingLoop('2200B', false, false, { status: STC_277.receiver })]),
    provider,
  ]);
  const source = loop('2000A', 'sources', 'R', UNBOUNDED, [
    hl(['20']),
    // NM101 PR only (pyx12 277 map 2100A; stupidedi 276: AY was accepted beside it, no public X212
    // file uses it); NM108 PI (payor id) or XV (CMS plan id), in the 276 and 277 alike.
    narrowedNameLoop(
      '2100A',
      'PR',
      PAYER_NAME,
      { idQualifiers: ['PI', 'XV'], entityTypes: ['2'] },
      // PER03's list is not PER05/PER07's (pyx12 277.5010.X212.xml 2100A PER): its own group, so
      // the model holds PER03/PER04 as `numbers` and PER05-PER08 as `additionalNumbers`.
      request
        ? []
        : [
            per('contacts', 'S', 1, {
              functions: PAYER_CONTACT_FUNCTIONS_277,
              firstNumberQualifiers: PAYER_FIRST_CONTACT_NUMBERS_277,
              numberQualifiers: PAYER_CONTACT_NUMBERS_277,
            }),
          ],
    ),
    // No 2200A in X212 (pyx12's 277 map goes from 2100A to 2000B); the 277CA's 2200A is ts277ca.ts's.
    receiver,
  ]);
  return {
    id: setId,
    version: '005010X212',
    functionalId: request ? 'HR' : 'HN',
    name: request ? 'Health Care Claim Status Request' : 'Health Care Claim Status Response',
    root: loop('ST', 'transaction', 'R', 1, [st(setId), bht('0010', request ? ['13'] : ['08'], request ? undefined : ['DG']), source, se]),
  };
}

/** 276 claim status request. */
export const TS276 = build('276');
/** 277 claim status response. */
export const TS277 = build('277');
