/**
 * Reading one element (or composite) of a segment against its definition: presence, length, control
 * characters, and conversion to the model's value (codes, dates, times, numbers, exact cents), each
 * departure reported by position, never by value.
 */
import { isCalendarDate, isClockTime, periodProblem } from './calendar.ts';
import { centsAt, isDecimalAt, isIntegerAt } from './decimal.ts';
import type { Severity } from './errors.ts';
import type { ElementDef } from './schema.ts';
import { objectBuilder } from './object-builder.ts';
import type { ObjectBuilder } from './object-builder.ts';
import { CodeSet } from './code-set.ts';
import { ownString } from './tokenizer.ts';
import type { ScannedSegment, Segment } from './tokenizer.ts';

/** A model object produced by the engine: keys come from the definition. */
export type ModelObject = Record<string, unknown>;

/** Where element readers report what departs from the guide. */
export interface Reporter {
  report(severity: Severity, code: string, message: string, segment: Segment, elementPosition?: number, componentPosition?: number): void;
}

/**
 * What reading an element needs from its definition, worked out once per definition. Every plan has
 * the same fields (a definition object only carries the options it was declared with), so the hot
 * loads below read one object shape instead of dozens.
 */
export class ElementPlan {
  readonly def: ElementDef;
  readonly key: string | undefined;
  readonly type: ElementDef['type'];
  readonly required: boolean;
  readonly unused: boolean;
  readonly min: number;
  readonly max: number;
  readonly codes: readonly string[] | undefined;
  /** `codes` ready for matching on characters. */
  readonly codeSet: CodeSet | undefined;
  readonly fixed: string | undefined;
  readonly computed: boolean;
  /** Repetitions allowed when more than one, else 0. */
  readonly repeat: number;
  readonly components: readonly ElementPlan[] | undefined;
  /** Builds a composite's object from its component values. */
  readonly build: ObjectBuilder | undefined;
  /** Position of the element naming this one's date format, or -1. */
  readonly formatFrom: number;
  /** A plain element read by {@link convert} alone (not unused, fixed, computed, composite or repeated). */
  readonly simple: boolean;
  /**
   * Every value its type accepts is printable (amounts, numbers, dates, times, listed codes), so its
   * characters are looked at for control characters only when the value is rejected.
   */
  readonly printableWhenValid: boolean;

  constructor(e: ElementDef) {
    this.def = e;
    this.key = e.key;
    this.type = e.type;
    this.required = e.usage === 'R';
    this.unused = e.usage === 'N';
    this.min = e.min;
    this.max = e.max;
    this.codes = e.codes;
    this.codeSet = e.codes !== undefined ? new CodeSet(e.codes) : undefined;
    this.fixed = e.fixed;
    this.computed = e.computed !== undefined;
    this.repeat = e.repeat !== undefined && e.repeat > 1 ? e.repeat : 0;
    this.components = e.components?.map((c) => new ElementPlan(c));
    this.build = e.components ? objectBuilder(e.components.map((c) => c.key)) : undefined;
    this.formatFrom = e.formatFrom ?? -1;
    this.simple = !this.unused && this.fixed === undefined && !this.computed && this.components === undefined && this.repeat === 0;
    this.printableWhenValid =
      e.type === '$' ||
      e.type === 'R' ||
      e.type === 'N0' ||
      e.type === 'DT' ||
      e.type === 'TM' ||
      (e.type === 'ID' && e.codes !== undefined && !e.codes.some(hasControlCharacter));
  }
}

const elementPlans = new WeakMap<ElementDef, ElementPlan>();

/** The (cached) plan of an element definition. */
export function elementPlan(e: ElementDef): ElementPlan {
  let plan = elementPlans.get(e);
  if (plan === undefined) {
    plan = new ElementPlan(e);
    elementPlans.set(e, plan);
  }
  return plan;
}

/**
 * Reads element `pos` of a scanned segment against its plan: the model value, or undefined (findings
 * go to `reporter`). Works on the segment's offsets: amounts, numbers and listed codes are read in
 * place, and a string is made only for a value the model keeps.
 */
export function readElement(e: ElementPlan, segment: ScannedSegment, pos: number, reporter: Reporter): unknown {
  if (pos >= segment.count) {
    if (e.required) reportMissing(segment, pos, reporter);
    return undefined;
  }
  const a = segment.start(pos);
  const b = segment.end(pos);
  if (a === b) {
    if (e.required) reportMissing(segment, pos, reporter);
    return undefined;
  }
  const text = segment.text;
  if (e.simple) {
    // The common case: a value read by its type alone. Findings come out in the same order as below.
    if (e.printableWhenValid) return convert(e, text, a, b, segment, pos, undefined, reporter, true);
    if (segment.controls && hasControlCharacterAt(text, a, b)) reportControlCharacter(segment, pos, reporter);
    return convert(e, text, a, b, segment, pos, undefined, reporter, false);
  }
  // A segment the scanner saw no control character in needs no look at its elements' characters.
  if (segment.controls && hasControlCharacterAt(text, a, b)) reportControlCharacter(segment, pos, reporter);
  if (e.unused) {
    reporter.report('error', 'UNUSED_ELEMENT', `element ${segment.id}${pad(pos)} is not used by the guide`, segment, pos);
    return undefined;
  }
  if (e.fixed !== undefined) {
    if (!segment.is(pos, e.fixed)) reporter.report('error', 'INVALID_CODE', `${segment.id}${pad(pos)} to be ${e.fixed}`, segment, pos);
    return undefined;
  }
  if (e.computed) return undefined;
  const d = segment.delimiters;
  if (e.components) {
    if (e.repeat && d.repetition) {
      // Each piece is copied where it is kept (convert), so the repeat itself need not be.
      const raw = text.substring(a, b);
      return raw.split(d.repetition).map((r) => readComposite(e, r, 0, r.length, segment, pos, reporter));
    }
    return readComposite(e, text, a, b, segment, pos, reporter);
  }
  if (e.repeat) {
    const raw = text.substring(a, b);
    const parts = d.repetition ? raw.split(d.repetition) : [raw];
    if (parts.length > e.repeat)
      reporter.report('error', 'TOO_MANY_REPEATS', `at most ${e.repeat} repeats of ${segment.id}${pad(pos)}`, segment, pos);
    const values: unknown[] = [];
    for (const p of parts) {
      const v = convert(e, p, 0, p.length, segment, pos, undefined, reporter, false);
      if (v !== undefined) values.push(v);
    }
    return values.length ? values : undefined;
  }
  return convert(e, text, a, b, segment, pos, undefined, reporter, false);
}

function reportMissing(segment: ScannedSegment, pos: number, reporter: Reporter): void {
  reporter.report('error', 'MISSING_ELEMENT', `required element ${segment.id}${pad(pos)}`, segment, pos);
}

function reportControlCharacter(segment: Segment, pos: number, reporter: Reporter): void {
  reporter.report('error', 'CONTROL_CHARACTER', `no control characters in ${segment.id}${pad(pos)}`, segment, pos);
}

/**
 * Before the finding about a rejected value: the control-character finding that a value of a
 * printable-when-valid type skipped (`late`), as it comes first for every other element.
 */
function lateControlCheck(late: boolean, text: string, a: number, b: number, segment: Segment, pos: number, reporter: Reporter): void {
  if (late && hasControlCharacterAt(text, a, b)) reportControlCharacter(segment, pos, reporter);
}

// Scratch values for one composite (a composite holds no composite).
const componentValues: unknown[] = [];

/**
 * Reads the composite element text[a, b) into an object of its components (undefined when none is
 * kept), walking the component separators in place.
 */
function readComposite(
  e: ElementPlan,
  text: string,
  a: number,
  b: number,
  segment: ScannedSegment,
  pos: number,
  reporter: Reporter,
): ModelObject | undefined {
  const sep = segment.delimiters.component.charCodeAt(0);
  const comps = e.components as readonly ElementPlan[];
  const build = e.build as ObjectBuilder;
  const values = componentValues;
  let any = false;
  // Start of the next component, or -1 when the element has no more (as `split` would count them).
  let p = a;
  for (let k = 0; k < comps.length; k++) {
    values[k] = undefined;
    const c = comps[k] as ElementPlan;
    let q = p;
    if (p >= 0) {
      while (q < b && text.charCodeAt(q) !== sep) q++;
    }
    const start = p;
    p = p >= 0 && q < b ? q + 1 : -1;
    if (start < 0 || q === start) {
      if (c.required)
        reporter.report('error', 'MISSING_ELEMENT', `required component ${segment.id}${pad(pos)}-${k + 1}`, segment, pos, k + 1);
      continue;
    }
    if (c.unused) {
      reporter.report(
        'error',
        'UNUSED_ELEMENT',
        `component ${segment.id}${pad(pos)}-${k + 1} is not used by the guide`,
        segment,
        pos,
        k + 1,
      );
      continue;
    }
    if (c.fixed !== undefined) {
      const fixed = c.fixed;
      if (q - start !== fixed.length || text.substring(start, q) !== fixed)
        reporter.report('error', 'INVALID_CODE', `${segment.id}${pad(pos)}-${k + 1} to be ${fixed}`, segment, pos, k + 1);
      continue;
    }
    const v = convert(c, text, start, q, segment, pos, k + 1, reporter, false);
    if (v !== undefined && c.key) {
      values[k] = v;
      any = true;
    }
  }
  if (p >= 0)
    reporter.report('error', 'TOO_MANY_COMPONENTS', `at most ${comps.length} components in ${segment.id}${pad(pos)}`, segment, pos);
  return any ? build(values) : undefined;
}

function pad(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

/** Element name for messages, e.g. "CLP04" or "SVC01-2"; built only when there is something to report. */
function elementName(segment: Segment, pos: number, comp: number | undefined): string {
  return `${segment.id}${pad(pos)}${comp !== undefined ? `-${comp}` : ''}`;
}

/** NUL and the other C0 controls (and DEL) have no place in an element value. */
export function hasControlCharacter(raw: string): boolean {
  return hasControlCharacterAt(raw, 0, raw.length);
}

/** {@link hasControlCharacter} of text[a, b). */
function hasControlCharacterAt(text: string, a: number, b: number): boolean {
  for (let i = a; i < b; i++) {
    const c = text.charCodeAt(i);
    if (c < 32 || c === 127) return true;
  }
  return false;
}

/** Digits of a numeric value, as X12 counts its length: sign and decimal point excluded. */
function digitCount(text: string, a: number, b: number): number {
  let n = 0;
  for (let i = a; i < b; i++) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) n++;
  }
  return n;
}

function checkLength(e: ElementPlan, length: number, segment: Segment, pos: number, comp: number | undefined, reporter: Reporter): void {
  if (length < e.min || length > e.max)
    reporter.report(
      'error',
      'INVALID_LENGTH',
      `${elementName(segment, pos, comp)} to be ${e.min}-${e.max} ${e.type === 'R' || e.type === 'N0' || e.type === '$' ? 'digits' : 'characters'}`,
      segment,
      pos,
      comp,
    );
}

/** Whether the digits of text[a, b) (sign and decimal point not counted) number from `min` to `max`. */
export function digitsWithin(text: string, a: number, b: number, min: number, max: number): boolean {
  const n = digitCount(text, a, b);
  return n >= min && n <= max;
}

/** An N0 value's number: read in place when it is short enough to be exact, else as `Number` reads it. */
export function integerAt(text: string, a: number, b: number): number {
  if (b - a > 15) return Number(text.substring(a, b));
  let i = a;
  const negative = text.charCodeAt(a) === 45;
  if (negative) i++;
  let v = 0;
  for (; i < b; i++) v = v * 10 + (text.charCodeAt(i) - 48);
  return negative ? -v : v;
}

/**
 * Converts a present value text[a, b) by its type, reporting what departs from the guide. `late`:
 * the caller left the control-character check to this function, to be made only for a rejected value.
 */
function convert(
  e: ElementPlan,
  text: string,
  a: number,
  b: number,
  segment: ScannedSegment,
  pos: number,
  comp: number | undefined,
  reporter: Reporter,
  late: boolean,
): unknown {
  switch (e.type) {
    case '$': {
      const cents = centsAt(text, a, b);
      if (cents === undefined) {
        lateControlCheck(late, text, a, b, segment, pos, reporter);
        reporter.report(
          'error',
          'INVALID_AMOUNT',
          `${elementName(segment, pos, comp)} as a decimal amount with at most two decimal places`,
          segment,
          pos,
          comp,
        );
      } else checkLength(e, digitCount(text, a, b), segment, pos, comp, reporter);
      return cents;
    }
    case 'R':
      if (!isDecimalAt(text, a, b)) {
        lateControlCheck(late, text, a, b, segment, pos, reporter);
        reporter.report('error', 'INVALID_NUMBER', `${elementName(segment, pos, comp)} as a decimal number`, segment, pos, comp);
        return undefined;
      }
      checkLength(e, digitCount(text, a, b), segment, pos, comp, reporter);
      return ownString(text, a, b);
    case 'N0':
      if (!isIntegerAt(text, a, b)) {
        lateControlCheck(late, text, a, b, segment, pos, reporter);
        reporter.report('error', 'INVALID_NUMBER', `${elementName(segment, pos, comp)} as an integer`, segment, pos, comp);
        return undefined;
      }
      checkLength(e, digitCount(text, a, b), segment, pos, comp, reporter);
      return integerAt(text, a, b);
    case 'DT': {
      const raw = ownString(text, a, b);
      if (!isCalendarDate(raw) || raw.length < e.min || raw.length > e.max) {
        lateControlCheck(late, text, a, b, segment, pos, reporter);
        reporter.report(
          'error',
          'INVALID_DATE',
          `${elementName(segment, pos, comp)} as a calendar date ${e.min === 6 && e.max === 6 ? 'YYMMDD' : 'CCYYMMDD'}`,
          segment,
          pos,
          comp,
        );
      }
      return raw;
    }
    case 'TM': {
      const raw = ownString(text, a, b);
      if (!isClockTime(raw) || raw.length < e.min || raw.length > e.max) {
        lateControlCheck(late, text, a, b, segment, pos, reporter);
        reporter.report('error', 'INVALID_TIME', `${elementName(segment, pos, comp)} as a time HHMM[SS[dd]]`, segment, pos, comp);
      }
      return raw;
    }
    case 'ID': {
      const codes = e.codes;
      const set = e.codeSet;
      if (codes !== undefined && set !== undefined) {
        // A listed code is returned as the list's own string: nothing is decoded.
        const code = set.find(text, a, b);
        if (code !== undefined) {
          checkLength(e, b - a, segment, pos, comp, reporter);
          return code;
        }
        lateControlCheck(late, text, a, b, segment, pos, reporter);
        // The value is not echoed: some coded elements (DMG03 gender) are still about the patient.
        reporter.report(
          'error',
          'INVALID_CODE',
          `${elementName(segment, pos, comp)} to be one of the guide's codes${codes.length <= 12 ? ` (${codes.join(', ')})` : ''}`,
          segment,
          pos,
          comp,
        );
        return ownString(text, a, b);
      }
      checkLength(e, b - a, segment, pos, comp, reporter);
      return ownString(text, a, b);
    }
    default: {
      // Values the model keeps are copies (ownString): a slice would pin the chunk's whole text.
      const raw = ownString(text, a, b);
      if (e.formatFrom >= 0) {
        const problem = periodProblem(segment.value(e.formatFrom), raw);
        if (problem !== undefined) {
          reporter.report('error', 'INVALID_DATE', `${elementName(segment, pos, comp)} as ${problem}`, segment, pos, comp);
          return raw;
        }
      }
      checkLength(e, raw.length, segment, pos, comp, reporter);
      return raw;
    }
  }
}
