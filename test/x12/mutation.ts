/**
 * Mutation testing of the validator: valid public files (and one written by the engine), each
 * mutated in the ways a conformance checker must notice: a required segment deleted, a count off by
 * one, one cent changed, an invalid code, an invalid date, two segments swapped, an element too long.
 * Apart from the count mutants, SE01 is recounted after each mutation, so that a mutant is caught by
 * the rule it is about and not by the segment count. Used by mutation.test.ts and `npm run bench`.
 */
import { readFileSync } from 'node:fs';
import { parseX12 } from '#functions/x12/parse.ts';

/** A segment (by id, or id*qualifier such as N1*PR) and an element, optionally a component. */
type Ref = readonly [segment: string, element: number, component?: number];

export interface GuideSpec {
  guide: string;
  file: string;
  /** Segments whose first occurrence is deleted. */
  required: readonly string[];
  /**
   * Money elements changed by one cent: only those an arithmetic rule binds (835 balancing, 837
   * CLM02 and COB); a cent changed in a free-standing amount (AMT*AU, STC04, EB07) is conformant.
   */
  amounts: readonly Ref[];
  /** Counts inside the transaction a rule binds (AK9 of a 999), each raised by one. */
  counts?: readonly Ref[];
  /** A guide whose transaction carries no date (a 999): no date mutants can be made. */
  noDates?: true;
  /** Coded elements given a code no guide list holds. */
  codes: readonly Ref[];
  /** Elements lengthened to the given length (one more than the guide's maximum). */
  long: readonly (readonly [segment: string, element: number, length: number])[];
  /**
   * Pairs of adjacent segments (the second right after the first) whose order is swapped: segments at
   * different positions of the guide (same-position repeats such as REF*1K/REF*BLT may come in any order).
   */
  swaps: readonly (readonly [string, string])[];
  /**
   * Elements set to a value ('' removes it), each breaking one relational syntax note of the
   * segment (e.g. NM108 left without NM109 breaks P0809) and nothing else.
   */
  syntax?: readonly Edit[];
  /**
   * Coded elements given a code the guides use elsewhere but not in this loop: a DTP01 of another loop,
   * an NM108 of another entity, a retired claim status category.
   */
  misplaced?: readonly Edit[];
}

/** A segment (by id or id*qualifier), an element, the value it is given, optionally a component. */
type Edit = readonly [segment: string, element: number, value: string, component?: number];

const FIX = new URL('../fixtures/x12/', import.meta.url);
const LFH = 'LinuxForHealth-x12/demo-file/';

export const GUIDES: readonly GuideSpec[] = [
  {
    guide: '835 005010X221A1',
    file: 'tastypackets-x12-parser/test/test-files/835/profee.edi',
    required: ['BPR', 'TRN', 'N1*PR', 'N1*PE', 'NM1*QC', 'CLP'],
    amounts: [
      ['BPR', 2],
      ['CLP', 3],
      ['CLP', 4],
      ['SVC', 2],
      ['SVC', 3],
      ['CAS', 3],
    ],
    codes: [
      ['BPR', 1],
      ['BPR', 4],
      ['CLP', 2],
      ['CAS', 1],
      ['DTM', 1],
      ['SVC', 1, 1],
      ['NM1*QC', 8],
      ['REF', 1],
    ],
    long: [
      ['CLP', 1, 39],
      ['N1*PR', 2, 61],
      ['TRN', 2, 51],
      ['CLP', 7, 51],
    ],
    swaps: [
      ['BPR', 'TRN'],
      ['N3', 'N4'],
      ['NM1*QC', 'NM1*74'],
      ['SVC', 'DTM'],
    ],
    syntax: [
      ['NM1*QC', 9, ''], // P0809: NM108 without NM109
      ['DTM*232', 2, ''], // R020305: a DTM without date, time or period
      ['N1*PR', 3, 'XV'], // P0304: an id qualifier without the id
    ],
    misplaced: [
      ['DTM*232', 1, '472'], // a service date (2110) on the claim
      ['NM1*QC', 8, 'XX'], // a provider's NPI qualifier on the patient
      ['CAS', 2, 'N206'], // a remark code (RARC) as the adjustment reason (CARC)
    ],
  },
  {
    guide: '837P 005010X222A1',
    file: `${LFH}demo.837`,
    required: ['BHT', 'NM1*41', 'NM1*40', 'NM1*85', 'SBR', 'NM1*IL', 'NM1*PR', 'CLM', 'SV1', 'DTP*472', 'N3', 'N4'],
    amounts: [
      ['CLM', 2],
      ['SV1', 2],
    ],
    codes: [
      ['CLM', 5, 3],
      ['CLM', 6],
      ['SBR', 1],
      ['SV1', 1, 1],
      ['SV1', 3],
      ['NM1*IL', 8],
      ['DMG', 3],
      ['NM1*85', 2],
      ['DTP*472', 1],
      ['NM1*PR', 8],
    ],
    long: [
      ['CLM', 1, 39],
      ['NM1*85', 3, 61],
      ['REF*EI', 2, 51],
      ['N3', 1, 56],
    ],
    swaps: [
      ['N3', 'N4'],
      ['N4', 'DMG'],
      ['SV1', 'DTP'],
      ['REF*D9', 'HI'],
    ],
    syntax: [
      ['NM1*IL', 9, ''], // P0809
      ['PAT', 7, '01'], // P0708: a weight unit without the weight
    ],
    misplaced: [
      ['DTP*472', 1, '434'], // the 837I statement dates on a professional line
      ['NM1*85', 8, 'PI'], // a payer id on the billing provider
      ['NM1*IL', 8, 'XX'],
    ],
  },
  {
    guide: '837I 005010X223A2',
    file: `${LFH}demo.837i`,
    required: ['BHT', 'NM1*41', 'NM1*85', 'SBR', 'NM1*IL', 'CLM', 'SV2', 'DTP*434'],
    amounts: [
      ['CLM', 2],
      ['SV2', 3],
    ],
    codes: [
      ['CLM', 5, 2],
      ['CLM', 5, 3],
      ['SBR', 1],
      ['SV2', 4],
      ['DMG', 3],
      ['OI', 3],
      ['DTP*434', 1],
      ['DTP*472', 1],
      ['NM1*PR', 8],
    ],
    long: [
      ['CLM', 1, 39],
      ['NM1*85', 3, 61],
      ['REF*EI', 2, 51],
    ],
    swaps: [
      ['N3', 'N4'],
      ['SV2', 'DTP'],
      ['CL1', 'HI'],
    ],
    syntax: [['NM1*PR', 9, '']], // P0809
    misplaced: [
      ['DTP*472', 1, '434'], // statement dates belong to the claim (2300), not a line
      ['NM1*IL', 8, 'XX'],
    ],
  },
  {
    // Written by the engine (`rcm x12 example 278-response`, test/fixtures/engine/): no public 5010 278 was at hand.
    guide: '278 005010X217',
    file: '../engine/278-response.x12',
    required: ['BHT', 'NM1*X3', 'NM1*1P', 'NM1*IL', 'HCR'],
    amounts: [],
    codes: [
      ['BHT', 2],
      ['HCR', 1],
      ['UM', 1],
      ['NM1*X3', 8],
      ['DTP*102', 1],
      ['SV1', 3],
    ],
    long: [
      ['HCR', 2, 51],
      ['NM1*X3', 3, 61],
      ['TRN', 2, 51],
    ],
    swaps: [
      ['UM', 'HCR'],
      ['HCR', 'DTP'],
    ],
    syntax: [['SV1', 4, '']], // P0304: SV103 unit without SV104 quantity
    misplaced: [
      ['NM1*IL', 8, 'XX'],
      ['NM1*X3', 8, 'MI'],
      ['DTP*102', 1, '291'], // the 270's plan date
      ['DTP*472', 1, 'AAH'], // the patient event date (2000E) on a service (2000F)
    ],
  },
  {
    guide: '270 005010X279A1',
    file: `${LFH}demo.270`,
    required: ['BHT', 'NM1*PR', 'NM1*1P', 'NM1*IL'],
    amounts: [],
    codes: [
      ['BHT', 2],
      ['NM1*IL', 8],
      ['NM1*PR', 2],
      ['DTP*291', 1],
      ['NM1*PR', 8],
      ['NM1*1P', 8],
    ],
    long: [
      ['NM1*PR', 3, 61],
      ['TRN', 2, 51],
    ],
    swaps: [
      ['DMG', 'DTP'],
      ['TRN', 'NM1*IL'],
    ],
    syntax: [
      ['EQ', 1, ''], // R0102: neither a service type nor a procedure
      ['NM1*IL', 9, ''], // P0809
    ],
    misplaced: [
      ['DTP*291', 1, '472'], // a service date: X279A1 asks about the plan date only
      ['DTP*291', 1, '346'], // the 271's plan begin date
      ['NM1*1P', 8, 'MI'],
    ],
  },
  {
    guide: '271 005010X279A1',
    file: `${LFH}demo.271`,
    required: ['BHT', 'NM1*PR', 'NM1*1P', 'NM1*IL'],
    amounts: [],
    codes: [
      ['BHT', 2],
      ['NM1*IL', 8],
      ['EB', 1],
      ['DMG', 3],
      ['DTP*346', 1],
      ['NM1*PR', 8],
    ],
    long: [
      ['NM1*PR', 3, 61],
      ['N3', 1, 56],
    ],
    swaps: [
      ['N3', 'N4'],
      ['DMG', 'DTP'],
    ],
    syntax: [
      ['EB*B', 9, 'VS'], // P0910: a quantity qualifier without its quantity
      ['NM1*IL', 9, ''], // P0809
    ],
    misplaced: [
      ['DTP*346', 1, '193'], // a benefit period start (2110C) on the subscriber (2100C)
      ['NM1*1P', 8, 'MI'],
    ],
  },
  {
    guide: '276 005010X212',
    file: `${LFH}demo.276`,
    required: ['BHT', 'NM1*PR', 'NM1*41', 'NM1*1P', 'NM1*IL', 'TRN'],
    amounts: [],
    codes: [
      ['BHT', 2],
      ['NM1*IL', 8],
      ['DMG', 3],
      ['NM1*1P', 8],
      ['DTP*472', 1],
      ['NM1*PR', 8],
    ],
    long: [
      ['NM1*PR', 3, 61],
      ['TRN', 2, 51],
    ],
    swaps: [
      ['DMG', 'NM1*IL'],
      ['AMT', 'DTP'],
    ],
    syntax: [['NM1*IL', 9, '']], // P0809
    misplaced: [
      ['DTP*472', 1, '291'],
      ['NM1*41', 8, 'MI'],
      ['NM1*QC', 8, 'MI'], // a member id qualifier on the dependent (2100E NM108 is Not Used in X212)
      ['TRN', 1, '2'], // the response's referenced trace type on a request
      ['AMT', 1, 'YU'], // the 277CA's accepted amount on a 276 claim
    ],
  },
  {
    guide: '277 005010X212',
    file: `${LFH}demo.277`,
    required: ['BHT', 'NM1*PR', 'NM1*41', 'NM1*1P', 'NM1*IL', 'TRN'],
    amounts: [],
    codes: [
      ['BHT', 2],
      ['NM1*IL', 8],
      ['NM1*1P', 8],
      ['DTP*472', 1],
      ['NM1*PR', 8],
      ['STC', 1, 1],
    ],
    long: [
      ['NM1*PR', 3, 61],
      ['TRN', 2, 51],
    ],
    swaps: [
      ['TRN', 'STC'],
      ['REF*EJ', 'DTP'],
    ],
    syntax: [['NM1*IL', 9, '']], // P0809
    misplaced: [
      ['DTP*472', 1, '291'],
      ['NM1*1P', 8, 'MI'],
      ['STC', 1, 'X0', 1], // the supplemental category, retired in 2003
      ['NM1*QC', 8, 'MI'], // a member id qualifier on the dependent (2100E NM108 is Not Used in X212)
      ['REF*EJ', 1, 'FJ'], // the line item control number (2220D/E) on a claim (2200D/E)
      ['TRN', 1, '1'], // the provider's current trace type (2200C) on a claim (2200D)
    ],
  },
  {
    guide: '277CA 005010X214',
    file: 'imsweb-x12-parser/src/test/resources/277_5010/x12_277CA_rejected.txt',
    // No DTP*472: the 2200D service date is situational (the TR3's business scenarios 3 and 4 omit it
    // on a claim rejected for its date).
    required: ['BHT', 'NM1*PR', 'NM1*41', 'NM1*85', 'NM1*QC', 'DTP*050', 'DTP*009', 'STC'],
    amounts: [],
    codes: [
      ['BHT', 2],
      ['STC', 1, 1],
      ['STC', 3],
      ['NM1*QC', 8],
      ['QTY', 1],
      ['AMT', 1],
      ['REF*1K', 1],
      ['TRN', 1],
    ],
    long: [
      ['NM1*PR', 3, 61],
      ['TRN', 2, 51],
      ['REF*1K', 2, 51],
    ],
    swaps: [
      ['TRN*1', 'DTP*050'],
      ['QTY', 'AMT'],
      ['REF*BLT', 'DTP'],
      ['STC', 'REF*1K'],
    ],
    syntax: [['NM1*QC', 9, '']], // P0809
    misplaced: [
      ['DTP*472', 1, '050'], // the receipt date belongs to 2200A
      ['NM1*85', 8, 'MI'],
      ['STC', 1, 'X0', 1],
    ],
  },
  {
    guide: '999 005010X231A1',
    file: 'imsweb-x12-parser/src/test/resources/837_5010/x12_999_rejected.txt',
    required: ['AK1', 'AK2', 'IK5', 'AK9'],
    amounts: [],
    counts: [['AK9', 3]],
    noDates: true,
    codes: [
      ['IK3', 4],
      ['IK5', 1],
      ['IK5', 2],
      ['AK9', 1],
    ],
    long: [
      ['AK1', 2, 10],
      ['AK2', 2, 10],
      ['IK3', 2, 11],
    ],
    swaps: [
      ['AK1', 'AK2'],
      ['IK3', 'IK5'],
      ['IK5', 'AK9'],
    ],
  },
];

interface Syntax {
  element: string;
  component: string;
  terminator: string;
}

/** The segments of a single-interchange file, without line breaks between them. */
function split(text: string): { segments: string[]; syntax: Syntax } {
  const syntax = { element: text[3] as string, component: text[104] as string, terminator: text[105] as string };
  const segments = text
    .split(syntax.terminator)
    .map((s) => s.replace(/^[\r\n]+/, ''))
    .filter((s) => s.length > 0);
  return { segments, syntax };
}

function join(segments: readonly string[], syntax: Syntax): string {
  return segments.join(syntax.terminator) + syntax.terminator;
}

/** SE01 set to the count of segments from ST to SE (one transaction set per file here). */
function recount(segments: string[], syntax: Syntax): string[] {
  const st = segments.findIndex((s) => s.startsWith(`ST${syntax.element}`));
  const se = segments.findIndex((s) => s.startsWith(`SE${syntax.element}`));
  const els = (segments[se] as string).split(syntax.element);
  els[1] = String(se - st + 1);
  segments[se] = els.join(syntax.element);
  return segments;
}

function matches(segment: string, ref: string, syntax: Syntax): boolean {
  const want = ref.split('*').join(syntax.element);
  return segment === want || segment.startsWith(want + syntax.element);
}

/** Applies `change` to element (and component) of the first matching segment where that element holds a value. */
function editElement(segments: string[], syntax: Syntax, ref: Ref, change: (value: string) => string): string[] | undefined {
  const [id, element, component] = ref;
  for (let i = 0; i < segments.length; i++) {
    const s = segments[i] as string;
    if (!matches(s, id, syntax)) continue;
    const els = s.split(syntax.element);
    const value = els[element];
    if (value === undefined || value === '') continue;
    if (component === undefined) els[element] = change(value);
    else {
      const parts = value.split(syntax.component);
      if (!parts[component - 1]) continue;
      parts[component - 1] = change(parts[component - 1] as string);
      els[element] = parts.join(syntax.component);
    }
    const out = [...segments];
    out[i] = els.join(syntax.element);
    return out;
  }
  return undefined;
}

export interface Mutant {
  kind:
    | 'deleted required segment'
    | 'count off by one'
    | 'one cent changed'
    | 'invalid code'
    | 'invalid date'
    | 'order swapped'
    | 'element too long'
    | 'syntax note broken'
    | 'code of another loop';
  what: string;
  text: string;
}

const cent = (value: string): string => {
  const negative = value.startsWith('-');
  const [whole = '0', frac = ''] = value.replace('-', '').split('.');
  const cents = Number(whole) * 100 + Number(frac.padEnd(2, '0').slice(0, 2)) + 1;
  const s = `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`;
  return negative ? `-${s}` : s;
};

/**
 * Sets element (or component) of the first matching segment to `value`, whether or not it held one;
 * '' removes it, and trailing empty elements are dropped so that the segment stays well formed.
 */
function setElement(segments: string[], syntax: Syntax, [id, element, value, component]: Edit): string[] | undefined {
  const i = segments.findIndex((s) => matches(s, id, syntax));
  if (i < 0) return undefined;
  const els = (segments[i] as string).split(syntax.element);
  while (els.length <= element) els.push('');
  if (component === undefined) els[element] = value;
  else {
    const parts = (els[element] as string).split(syntax.component);
    while (parts.length < component) parts.push('');
    parts[component - 1] = value;
    while (parts.length > 1 && parts[parts.length - 1] === '') parts.pop();
    els[element] = parts.join(syntax.component);
  }
  while (els.length > 1 && els[els.length - 1] === '') els.pop();
  const out = [...segments];
  out[i] = els.join(syntax.element);
  return out[i] === segments[i] ? undefined : out;
}

/** Every mutant of one guide's base file. */
export function mutants(spec: GuideSpec): Mutant[] {
  const text = readFileSync(new URL(spec.file, FIX), 'latin1');
  const { segments, syntax } = split(text);
  const out: Mutant[] = [];
  const push = (kind: Mutant['kind'], what: string, changed: string[] | undefined, keepCount = false): void => {
    if (!changed) throw new Error(`${spec.guide}: no place for ${kind} ${what}`);
    out.push({ kind, what, text: join(keepCount ? changed : recount(changed, syntax), syntax) });
  };
  for (const id of spec.required) {
    const i = segments.findIndex((s) => matches(s, id, syntax));
    push('deleted required segment', id, i < 0 ? undefined : segments.filter((_, k) => k !== i));
  }
  for (const [id, delta] of [
    ['SE', 1],
    ['GE', 1],
    ['IEA', 1],
    ['SE', -1],
  ] as const)
    push(
      'count off by one',
      `${id}01 ${delta > 0 ? '+' : ''}${delta}`,
      editElement(segments, syntax, [id, 1], (v) => String(Number(v) + delta)),
      true,
    );
  for (const ref of spec.counts ?? [])
    push(
      'count off by one',
      ref.join('-'),
      editElement(segments, syntax, ref, (v) => String(Number(v) + 1)),
    );
  for (const ref of spec.amounts) push('one cent changed', ref.join('-'), editElement(segments, syntax, ref, cent));
  for (const ref of spec.codes)
    push(
      'invalid code',
      ref.join('-'),
      editElement(segments, syntax, ref, (v) => (v === 'ZQ' ? 'QZ' : 'ZQ')),
    );
  // Dates: the first few CCYYMMDD values after ST, given month 13; one given February 30.
  const st = segments.findIndex((s) => s.startsWith(`ST${syntax.element}`));
  let dates = 0;
  for (let i = st; i < segments.length && dates < 4; i++) {
    const els = (segments[i] as string).split(syntax.element);
    const k = els.findIndex((v, n) => n > 0 && /^(19|20)\d\d(0[1-9]|1[0-2])\d\d(-|$)/.test(v));
    if (k < 0) continue;
    for (const [label, change] of [
      ['month 13', (v: string) => `${v.slice(0, 4)}13${v.slice(6)}`],
      ['February 30', (v: string) => `${v.slice(0, 4)}0230${v.slice(8)}`],
    ] as const) {
      const copy = [...els];
      copy[k] = change(els[k] as string);
      const changed = [...segments];
      changed[i] = copy.join(syntax.element);
      push('invalid date', `${els[0]}${String(k).padStart(2, '0')} ${label}`, changed);
    }
    dates++;
  }
  for (const [a, b] of spec.swaps) {
    const i = segments.findIndex(
      (s, k) => matches(s, a, syntax) && k + 1 < segments.length && matches(segments[k + 1] as string, b, syntax),
    );
    const changed = i < 0 ? undefined : [...segments];
    if (changed) [changed[i], changed[i + 1]] = [changed[i + 1] as string, changed[i] as string];
    push('order swapped', `${a} / ${b}`, changed);
  }
  for (const edit of spec.syntax ?? [])
    push('syntax note broken', `${edit[0]}${String(edit[1]).padStart(2, '0')} = '${edit[2]}'`, setElement(segments, syntax, edit));
  for (const edit of spec.misplaced ?? [])
    push(
      'code of another loop',
      `${edit[0]}${String(edit[1]).padStart(2, '0')}${edit[3] ? `-${edit[3]}` : ''} = ${edit[2]}`,
      setElement(segments, syntax, edit),
    );
  for (const [id, element, length] of spec.long)
    push(
      'element too long',
      `${id}${String(element).padStart(2, '0')}`,
      editElement(segments, syntax, [id, element], (v) => v.padEnd(length, 'X')),
    );
  return out;
}

/** True when the validator (conformance profile) rejects the mutant. */
export function detected(m: Mutant): boolean {
  try {
    return !parseX12(m.text).valid;
  } catch {
    return true; // a typed X12Error: rejected
  }
}

/** Detection per guide and per kind of mutant. */
export function detectionReport(): { guide: string; mutants: number; detected: number; missed: string[] }[] {
  return GUIDES.map((spec) => {
    const all = mutants(spec);
    const missed = all.filter((m) => !detected(m)).map((m) => `${m.kind}: ${m.what}`);
    return { guide: spec.guide, mutants: all.length, detected: all.length - missed.length, missed };
  });
}
