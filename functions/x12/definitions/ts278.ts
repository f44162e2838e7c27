/**
 * 278 health care services review, request and response (005010X217), as data.
 *
 * The request and the response share ST01 (278), the guide (005010X217) and the functional group
 * (HI): only BHT02 tells them apart (11 response; 01, 13, 36 request), and the engine picks a
 * definition when ST opens, before BHT is read. So one definition holds both: the loops are the
 * same (2000A UMO → 2000B requester → 2000C subscriber → 2000D dependent → 2000E patient event →
 * 2000F service), the response-only segments (AAA, HCR, the UMO's PER) are situational, and a
 * transaction rule ties them to BHT02: a request carries no HCR or AAA; a response decides every
 * patient event it does not reject (HCR or AAA).
 */
import { composite, el, fixed, loop, seg, unused, UNBOUNDED, withSyntax } from '#functions/x12/schema.ts';
import type { LoopDef, LoopRule, SegmentDef, TransactionSetDef } from '#functions/x12/schema.ts';
import {
  aaa,
  cr1,
  crc,
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
  SV1_SYNTAX,
  SV2_SYNTAX,
  trn,
} from './common.ts';

/** BHT02: 01 cancellation, 13 request, 36 authority to deduct (requests); 11 response. */
const REQUEST_PURPOSES = ['01', '13', '36'];
const RESPONSE_PURPOSE = '11';

/** HCR01 action codes of X217: A1 certified in total, A2 partial, A3 not certified, A4 pended, A6 modified, C cancelled, CT contact payer, NA no action required. */
export const REVIEW_ACTION_CODES = ['A1', 'A2', 'A3', 'A4', 'A6', 'C', 'CT', 'NA'] as const;

/*
 * DTP01 per loop of X217, from Madjic.Edi (MIT, github.com/MartinJSoles/Madjic.Edi), whose 278 loop
 * reader keys each DTP of the 005010X217 request (`_278A1`) and response (`_278A3`) by its DTP01:
 * Madjic.Edi.Dom/Transactions/Transaction278 loop 2000 reader. The request and response share one
 * definition here, so each list is the union of the two; the certification dates (102 issue, 007
 * effective, 036 expiration) are the response's.
 */
/** 2000E patient event: 439 accident, 484 last menstrual period, ABC estimated birth, 431 onset, AAH event, 435 admission, 096 discharge, 102/007/036 certification. */
const EVENT_DATES = ['439', '484', 'ABC', '431', 'AAH', '435', '096', '102', '007', '036'];
/** 2000F service: 472 service date, 102/007/036 certification. */
const SERVICE_DATES = ['472', '102', '007', '036'];

/** REF02 qualifiers at the event and service levels: BB authorization number, NT administrative reference number. */
const REVIEW_REFERENCES = ['BB', 'NT'];

const PROVIDER_CODES = ['1T', '71', '72', '73', '77', 'AAJ', 'DD', 'DK', 'DN', 'FA', 'G3', 'P3', 'QB', 'QV', 'SJ'];

const bht = seg('BHT', 'beginning', 'R', 1, [
  fixed('0007'),
  el('purposeCode', 'ID', 'R', 2, 2, { codes: [...REQUEST_PURPOSES, RESPONSE_PURPOSE] }),
  el('referenceId', 'AN', 'R', 1, 50),
  el('date', 'DT', 'R', 8, 8),
  el('time', 'TM', 'R', 4, 8),
  el('transactionTypeCode', 'ID', 'S', 2, 2),
]);

/** UM health care services review information: what is asked about. */
const um = (usage: 'R' | 'S') =>
  seg('UM', 'review', usage, 1, [
    el('requestCategory', 'ID', 'R', 1, 2, { codes: ['AR', 'HS', 'IN', 'SC'] }),
    el('certificationType', 'ID', 'S', 1, 1, { codes: ['1', '2', '3', '4', 'I', 'N', 'R', 'S'] }),
    el('serviceType', 'ID', 'S', 1, 2),
    composite('facility', 'S', [el('code', 'AN', 'R', 1, 2), el('qualifier', 'ID', 'R', 1, 2, { codes: ['A', 'B'] })]),
    composite('relatedCauses', 'S', [
      el('cause1', 'ID', 'R', 2, 3, { codes: ['AA', 'AP', 'EM', 'OA'] }),
      el('cause2', 'ID', 'S', 2, 3, { codes: ['AA', 'AP', 'EM', 'OA'] }),
      el('cause3', 'ID', 'S', 2, 3, { codes: ['AA', 'AP', 'EM', 'OA'] }),
      el('stateCode', 'ID', 'S', 2, 2),
      el('countryCode', 'ID', 'S', 2, 3),
    ]),
    el('levelOfService', 'ID', 'S', 1, 3),
    unused,
    el('prognosisCode', 'ID', 'S', 1, 1),
    el('releaseOfInformation', 'ID', 'S', 1, 1, { codes: ['Y', 'N'] }),
  ]);

/** HCR health care services review: the payer's decision (response only). */
const hcr = seg('HCR', 'decision', 'S', 1, [
  el('actionCode', 'ID', 'R', 1, 2, { codes: REVIEW_ACTION_CODES }),
  el('reviewNumber', 'AN', 'S', 1, 50),
  el('reasonCode', 'ID', 'S', 1, 30),
  el('secondSurgicalOpinion', 'ID', 'S', 1, 1, { codes: ['Y', 'N'] }),
]);

const diagnosis = (usage: 'R' | 'S') =>
  composite('code', usage, [
    el('qualifier', 'ID', 'R', 1, 3, { codes: ['ABF', 'ABJ', 'ABK', 'ABN', 'BF', 'BJ', 'BK', 'BN', 'BO', 'BQ', 'DR', 'LOI', 'ZZ'] }),
    el('code', 'AN', 'R', 1, 30),
    el('dateFormat', 'ID', 'S', 2, 3, { codes: ['D8'] }),
    el('date', 'AN', 'S', 1, 35, { formatFrom: 3 }),
  ]);

/** HI patient diagnoses: up to twelve codes. */
const hi = seg('HI', 'diagnoses', 'S', 1, [
  { ...diagnosis('R'), key: 'code1' },
  ...Array.from({ length: 11 }, (_, n) => ({ ...diagnosis('S'), key: `code${n + 2}` })),
]);

/** HSD health care services delivery: how many, how often. */
const hsd = withSyntax(
  seg('HSD', 'delivery', 'S', 1, [
    el('quantityQualifier', 'ID', 'S', 2, 2, { codes: ['DY', 'FL', 'HS', 'MN', 'VS'] }),
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

/** SV1 professional service: the procedure and the units asked for. */
const sv1 = withSyntax(
  seg('SV1', 'professional', 'S', 1, [
    procedure('procedure', 'R', ['AD', 'CJ', 'HC', 'ID', 'IV', 'N4', 'ZZ']),
    el('chargeCents', '$', 'S', 1, 18),
    el('unitBasis', 'ID', 'S', 2, 2, { codes: ['MJ', 'UN'] }),
    el('quantity', 'R', 'S', 1, 15),
  ]),
  SV1_SYNTAX,
);

/** SV2 institutional service: revenue code, procedure, units. */
const sv2 = withSyntax(
  seg('SV2', 'institutional', 'S', 1, [
    el('revenueCode', 'AN', 'S', 1, 48),
    procedure('procedure', 'S', ['HC', 'HP', 'IV', 'N4', 'ZZ']),
    el('chargeCents', '$', 'S', 1, 18),
    el('unitBasis', 'ID', 'S', 2, 2, { codes: ['DA', 'UN'] }),
    el('quantity', 'R', 'S', 1, 15),
  ]),
  SV2_SYNTAX,
);

const msg = withSyntax(seg('MSG', 'message', 'S', 1, [el('text', 'AN', 'R', 1, 264)]), MSG_SYNTAX);

/*
 * 2000E segments the TR3's own examples carry (stupidedi X217-HI278/pass: admissions CL1, home health
 * CR6, transport CRC and CR1 with the 2010EC locations, pended responses PWK), in the TR3's order
 * after HSD. Their elements are kept situational where the examples leave them out.
 */

/** CL1: admission type, source and patient status of an institutional stay. */
const cl1 = seg('CL1', 'admission', 'S', 1, [
  el('admissionType', 'ID', 'S', 1, 1),
  el('admissionSource', 'ID', 'S', 1, 1),
  el('patientStatus', 'ID', 'S', 1, 2),
  unused,
]);

/** CR6: home health care (prognosis, start of care, certification period and type). */
const cr6 = withSyntax(
  seg('CR6', 'homeHealth', 'S', 1, [
    el('prognosisCode', 'ID', 'R', 1, 1),
    el('startOfCare', 'DT', 'R', 8, 8),
    el('periodFormat', 'ID', 'S', 2, 3, { codes: ['RD8'] }),
    el('certificationPeriod', 'AN', 'S', 1, 35, { formatFrom: 3 }),
    el('date', 'DT', 'S', 8, 8),
    el('medicareCoverage', 'ID', 'S', 1, 1, { codes: ['Y', 'N', 'U'] }),
    el('medicaidCoverage', 'ID', 'S', 1, 1, { codes: ['Y', 'N', 'U', 'W'] }),
    el('certificationType', 'ID', 'S', 1, 1),
  ]),
  ['P0304'],
);

/** PWK: additional documentation asked for or sent (report type, transmission code, control number, description). */
const pwk = withSyntax(
  seg('PWK', 'attachments', 'S', 10, [
    el('reportType', 'ID', 'R', 2, 2),
    el('transmissionCode', 'ID', 'R', 1, 2),
    unused,
    unused,
    el('idQualifier', 'ID', 'S', 1, 2, { codes: ['AC'] }),
    el('controlNumber', 'AN', 'S', 2, 80),
    el('description', 'AN', 'S', 1, 80),
    unused,
  ]),
  ['P0506'],
);

/** 2010EC: where a transport picks the patient up and takes them (45 drop-off, FS final, ND next, PW pickup, R3 next scheduled). */
const transportLocation = loop('2010EC', 'transportLocations', 'S', 5, [
  nm1('name', ['45', 'FS', 'ND', 'PW', 'R3'], 'R', 1, { entityTypes: ['2'], id: 'N', related: false }),
  n3(),
  n4(),
]);

const ins = withSyntax(
  seg('INS', 'memberRelationship', 'S', 1, [
    el('insuredIndicator', 'ID', 'R', 1, 1, { codes: ['Y', 'N'] }),
    el('relationshipCode', 'ID', 'R', 2, 2),
  ]),
  INS_SYNTAX,
);

function providerLoop(id: string): LoopDef {
  return loop(id, 'providers', 'S', 12, [
    nm1('name', PROVIDER_CODES, 'R', 1, { idQualifiers: ['24', '34', '46', 'PI', 'XX'] }),
    ref('references', 'S', 7),
    n3(),
    n4(),
    per('contacts', 'S', 1),
    aaa(),
    prv(),
  ]);
}

function memberLoop(id: string, code: 'IL' | 'QC'): LoopDef {
  const name = nm1('name', [code], 'R', 1, code === 'IL' ? { idQualifiers: ['MI'] } : {});
  const children: SegmentDef[] = [ref('references', 'S', 9), n3(), n4(), aaa(), dmg(), ins];
  return loop(id, 'member', 'R', 1, [name, ...children]);
}

/** 2000F: one service asked about (and decided, in the response). */
const service = loop('2000F', 'services', 'S', UNBOUNDED, [
  hl(['SS']),
  trn('traces', 'S', 3),
  aaa(),
  um('S'),
  hcr,
  ref('references', 'S', 2, REVIEW_REFERENCES),
  dtp('dates', 'S', 4, SERVICE_DATES),
  sv1,
  sv2,
  hsd,
  msg,
  providerLoop('2010F'),
]);

/** 2000E: the patient event (an admission, a course of treatment) the review is about. */
const patientEvent = loop('2000E', 'event', 'S', 1, [
  hl(['EV']),
  trn('traces', 'S', 3),
  aaa(),
  um('S'),
  hcr,
  ref('references', 'S', 2, REVIEW_REFERENCES),
  // Each event date once (X217 gives each its own DTP segment of one use).
  dtp('dates', 'S', EVENT_DATES.length, EVENT_DATES),
  hi,
  hsd,
  crc(12), // a condition (07 ambulance certification, 09 oxygen, 75 functional limitations...)
  cl1,
  cr1('S'), // ambulance transport: its reason and distance situational here
  cr6,
  pwk,
  msg,
  providerLoop('2010EA'),
  transportLocation,
  service,
]);

const dependent = loop('2000D', 'dependent', 'S', 1, [hl(['23']), memberLoop('2010D', 'QC'), patientEvent]);
const subscriber = loop('2000C', 'subscriber', 'S', 1, [hl(['22']), memberLoop('2010C', 'IL'), patientEvent, dependent]);
const requester = loop('2000B', 'requester', 'S', 1, [
  hl(['21']),
  loop('2010B', 'name', 'R', 1, [
    nm1('name', ['1P', 'FA'], 'R', 1, { idQualifiers: ['24', '34', '46', 'XX'] }),
    ref('references', 'S', 3),
    n3(),
    n4(),
    per('contacts', 'S', 1),
    aaa(),
    prv(),
  ]),
  subscriber,
]);
const umo = loop('2000A', 'umo', 'R', 1, [
  hl(['20']),
  aaa(),
  loop('2010A', 'name', 'R', 1, [
    nm1('name', ['X3'], 'R', 1, { idQualifiers: ['24', '34', '46', 'PI', 'XV', 'XX'] }),
    per('contacts', 'S', 3),
    aaa(),
  ]),
  requester,
]);

type Obj = Record<string, unknown>;
const objects = (v: unknown): Obj[] => (Array.isArray(v) ? (v as Obj[]) : v && typeof v === 'object' ? [v as Obj] : []);

/** Every patient event and service of a 278 model, with whether an AAA at or above it rejected the request. */
function reviewLevels(model: Obj): { level: Obj; rejectedAbove: boolean; service: boolean }[] {
  const out: { level: Obj; rejectedAbove: boolean; service: boolean }[] = [];
  const hasAaa = (o: Obj | undefined) => objects(o?.requestErrors).length > 0;
  for (const a of objects(model.umo)) {
    const aRejected = hasAaa(a) || objects(a.name).some(hasAaa);
    for (const b of objects(a.requester)) {
      const bRejected = aRejected || objects(b.name).some(hasAaa);
      for (const c of objects(b.subscriber)) {
        const cRejected = bRejected || objects(c.member).some(hasAaa);
        const events = [
          ...objects(c.event).map((e) => ({ e, r: cRejected })),
          ...objects(c.dependent).flatMap((d) => objects(d.event).map((e) => ({ e, r: cRejected || objects(d.member).some(hasAaa) }))),
        ];
        for (const { e, r } of events) {
          out.push({ level: e, rejectedAbove: r, service: false });
          for (const s of objects(e.services)) out.push({ level: s, rejectedAbove: r || hasAaa(e), service: true });
        }
      }
    }
  }
  return out;
}

const rules: readonly LoopRule[] = [
  {
    code: 'X217_REQUEST_CARRIES_DECISION',
    expected: 'a request (BHT02 01, 13 or 36) without HCR or AAA, which only the response carries',
    holds: (m) => {
      const purpose = (m.beginning as Obj | undefined)?.purposeCode;
      if (purpose === RESPONSE_PURPOSE) return true;
      return reviewLevels(m).every(({ level }) => level.decision === undefined && level.requestErrors === undefined);
    },
  },
  {
    code: 'X217_REQUEST_WITHOUT_REVIEW',
    // 2000F UM is situational (sent when the service's review differs from its event's): the TR3's
    // home health, transport and reservation requests (stupidedi X217-HI278/pass/4b.edi, 5.edi, 6.edi)
    // ask for services with an SV1 alone under the event's UM.
    expected: 'a request whose patient event carries UM',
    holds: (m) => {
      if ((m.beginning as Obj | undefined)?.purposeCode === RESPONSE_PURPOSE) return true;
      return reviewLevels(m).every(({ level, service }) => service || level.review !== undefined);
    },
  },
  {
    code: 'X217_RESPONSE_WITHOUT_DECISION',
    expected: 'a response (BHT02 11) with an HCR or an AAA for every patient event and service not rejected above it',
    holds: (m) => {
      if ((m.beginning as Obj | undefined)?.purposeCode !== RESPONSE_PURPOSE) return true;
      return reviewLevels(m).every(
        ({ level, rejectedAbove }) => rejectedAbove || level.decision !== undefined || level.requestErrors !== undefined,
      );
    },
  },
];

/** 278 health care services review request or response. */
export const TS278: TransactionSetDef = {
  id: '278',
  version: '005010X217',
  functionalId: 'HI',
  name: 'Health Care Services Review Information',
  root: loop('ST', 'transaction', 'R', 1, [st('278'), bht, umo, se], rules),
};
