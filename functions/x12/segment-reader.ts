/**
 * Segment readers compiled once per segment definition. The generic reader walks a segment's
 * element plans in a loop, collects values in a scratch array and hands them to a model builder;
 * here the same steps are generated as straight-line code: each element read at its constant
 * position (a repeating group's at its repeat's offset), each kept value stored by name into the
 * model object, the end of the segment and the too-many-elements check decided by constants.
 *
 * Each element has a fast path generated for its type, on the segment's offsets: an amount parsed
 * to cents, a listed code matched, a date or time checked, a length compared, a value copied, with
 * no call through the generic element reader. Whenever the fast path cannot accept the value as it
 * is (absent but required, too long or short, not a listed code, not a date, a control character
 * in the segment for a type that may hold one, an unused element carrying data, a composite or a
 * repeated element), the element is handed to the generic {@link readElement}, which makes the
 * same value and reports its findings: findings are the generic reader's, in the same order. Keys,
 * positions, lengths and codes come from the definitions, never from the input.
 */
import { isCalendarDateAt, isClockTimeAt } from './calendar.ts';
import { centsAt, isDecimalAt, isIntegerAt } from './decimal.ts';
import { digitsWithin, integerAt, readElement } from './element-reader.ts';
import type { ElementPlan, ModelObject, Reporter } from './element-reader.ts';
import { keyLiteral } from './object-builder.ts';
import { ownString } from './tokenizer.ts';
import type { ScannedSegment } from './tokenizer.ts';

/** Reads one scanned segment into its model object, reporting what departs from the guide. */
export type SegmentReader = (segment: ScannedSegment, reporter: Reporter) => ModelObject;

/** Checks a segment's syntax notes, compiled for that segment (see compileNotesCheck in syntax.ts). */
export type NotesCheck = (segment: ScannedSegment, reporter: Reporter) => void;

/** One element spec of a segment as the compiler sees it: a plain element, or a repeating group. */
export type CompiledSpec =
  | { readonly kind: 'element'; readonly key: string | undefined; readonly plan: ElementPlan }
  | {
      readonly kind: 'group';
      readonly key: string;
      /** Repeats allowed, and how many leading ones are required. */
      readonly count: number;
      readonly required: number;
      readonly keys: readonly (string | undefined)[];
      readonly plans: readonly ElementPlan[];
    };

/**
 * The fast path of a plain value of `e`'s type in t[a, b) (a, b: names of variables): `store(value)`
 * when the value is accepted as it is, else `fail`. `ctl` is the expression telling whether the
 * segment may hold a control character ('false' where the caller made sure it does not).
 */
function valueCode(
  e: ElementPlan,
  a: string,
  b: string,
  ctl: string,
  store: (value: string) => string,
  fail: string,
  sets: unknown[],
): string {
  // Lengths: characters for most types; digits for numbers, which are within bounds without counting
  // when even the widest reading (every character a digit) and the narrowest (a sign and a point) are.
  const chars = `(w = ${b} - ${a}) >= ${e.min} && w <= ${e.max}`;
  const digits = `(((w = ${b} - ${a}) - 2 >= ${e.min} && w <= ${e.max}) || digitsWithin(t, ${a}, ${b}, ${e.min}, ${e.max}))`;
  const at = `t, ${a}, ${b}`;
  switch (e.type) {
    case '$':
      return `if ((x = centsAt(${at})) !== undefined && ${digits}) { ${store('x')} } else { ${fail} }`;
    case 'R':
      return `if (isDecimalAt(${at}) && ${digits}) { ${store(`ownString(${at})`)} } else { ${fail} }`;
    case 'N0':
      return `if (isIntegerAt(${at}) && ${digits}) { ${store(`integerAt(${at})`)} } else { ${fail} }`;
    case 'DT':
      return `if (${chars} && isCalendarDateAt(${at})) { ${store(`ownString(${at})`)} } else { ${fail} }`;
    case 'TM':
      return `if (${chars} && isClockTimeAt(${at})) { ${store(`ownString(${at})`)} } else { ${fail} }`;
    default: {
      if (e.formatFrom >= 0) return fail;
      const controls = ctl === 'false' ? '' : `!${ctl} && `;
      if (e.codeSet !== undefined) {
        // A listed code is the list's own string. Listed codes are printable, so control characters
        // matter only for a code that is not listed (or a list that holds one: then the generic reader checks).
        sets.push(e.codeSet);
        const find = `(x = S[${sets.length - 1}].find(${at})) !== undefined`;
        return `if (${e.printableWhenValid ? '' : controls}${find} && ${chars}) { ${store('x')} } else { ${fail} }`;
      }
      return `if (${controls}${chars}) { ${store(`ownString(${at})`)} } else { ${fail} }`;
    }
  }
}

/**
 * The fast path of a composite (not repeated) in t[a, b): its components found on the component
 * separator and each read by its type into an object, kept when all of them are accepted as they are
 * (no control character in the segment, required components present, fixed ones equal, no extra
 * component); anything else is `fail` (the generic reader, which reports it).
 */
function compositeCode(e: ElementPlan, store: (value: string) => string, fail: string, sets: unknown[]): string {
  const comps = e.components as readonly ElementPlan[];
  const bail = `{ ${fail} break c; }`;
  let code = `c: {\nif (ctl) ${bail}\nconst cs = segment.delimiters.component.charCodeAt(0);\nconst co = {};\nlet any = false, cp = a, cq = a, cs0 = a;\n`;
  comps.forEach((c) => {
    // As the generic reader counts them: the next component starts after a separator, else there is none (-1).
    code +=
      'if (cp < 0) cs0 = -1;\nelse {\ncq = cp;\nwhile (cq < b && t.charCodeAt(cq) !== cs) cq++;\ncs0 = cp;\ncp = cq < b ? cq + 1 : -1;\n}\n';
    code += `if (cs0 < 0 || cq === cs0) ${c.required ? bail : '{}'}\nelse {\n`;
    if (c.unused) code += `${bail}\n`;
    else if (c.fixed !== undefined) {
      const same = [...c.fixed].map((ch, i) => `t.charCodeAt(cs0 + ${i}) === ${ch.charCodeAt(0)}`).join(' && ');
      code += `if (cq - cs0 !== ${c.fixed.length} || !(${same || 'true'})) ${bail}\n`;
    } else {
      const keep = (value: string): string => (c.key ? `co[${keyLiteral(c.key)}] = ${value}; any = true;` : '');
      code += `${valueCode(c, 'cs0', 'cq', 'false', keep, `${fail} break c;`, sets)}\n`;
    }
    code += '}\n';
  });
  code += `if (cp >= 0) ${bail}\nif (any) { ${store('co')} }\n}\n`;
  return code;
}

/**
 * Emits the code reading one element at position `pos` (a constant, or an expression of the repeat's
 * start) into `target`: the type's fast path, else the generic reader. `plan` is the expression of
 * its {@link ElementPlan}; `sets` collects the code lists the fast paths match against.
 */
function elementCode(e: ElementPlan, key: string | undefined, pos: string, plan: string, target: string, sets: unknown[]): string {
  const generic = key
    ? `if ((x = readElement(${plan}, segment, ${pos}, reporter)) !== undefined) ${target}[${keyLiteral(key)}] = x;`
    : `readElement(${plan}, segment, ${pos}, reporter);`;
  const store = (value: string): string => (key ? `${target}[${keyLiteral(key)}] = ${value};` : '');
  let fast: string;
  if (e.unused || e.repeat !== 0) fast = generic;
  else if (e.fixed !== undefined)
    fast = `if (ctl || b - a !== ${e.fixed.length} || !segment.is(${pos}, ${JSON.stringify(e.fixed)})) ${generic}`;
  else if (e.computed) fast = `if (ctl) ${generic}`;
  else if (e.components !== undefined) fast = compositeCode(e, store, generic, sets);
  else fast = valueCode(e, 'a', 'b', 'ctl', store, generic, sets);
  const present = `${pos} < n && (a = B[at + ${pos}]) !== (b = B[at + ${pos} + 1] - 1)`;
  return e.required ? `if (${present}) {\n${fast}\n} else ${generic}\n` : `if (${present}) {\n${fast}\n}\n`;
}

/**
 * Compiles the reader of a segment: `specs` are its element specs in order (a group takes
 * `count * width` positions); `last` is the position of its last required element (0 when none):
 * past the segment's end and past `last` nothing is left to read or report. `checkNotes` is given
 * when the segment has syntax notes (it is called last, on every exit).
 */
export function compileSegmentReader(
  id: string,
  specs: readonly CompiledSpec[],
  last: number,
  checkNotes: NotesCheck | undefined,
): SegmentReader {
  const plans: ElementPlan[] = [];
  const sets: unknown[] = [];
  let body =
    'return function read(segment, reporter) {\n' +
    'const n = segment.count;\nconst B = segment.bounds;\nconst at = segment.at;\nconst t = segment.text;\nconst ctl = segment.controls;\n' +
    'const o = {};\nlet x, a, b, w;\n';
  // The tail shared by every exit: too many elements (only possible when all were read), then notes.
  const notesCall = checkNotes !== undefined ? 'checkNotes(segment, reporter);\n' : '';
  let pos = 1;
  for (const spec of specs) {
    // The generic loop stops before spec at `pos` when the segment has ended and nothing required is left.
    if (pos > last) body += `if (n <= ${pos}) {\n${notesCall}return o;\n}\n`;
    if (spec.kind === 'element') {
      plans.push(spec.plan);
      body += elementCode(spec.plan, spec.key, String(pos), `P[${plans.length - 1}]`, 'o', sets);
      pos++;
      continue;
    }
    const width = spec.plans.length;
    const first = plans.length;
    plans.push(...spec.plans);
    // A repeat is read when any of its elements is present (an item is kept) or when it is required
    // (its absent required elements reported); the rest are skipped without looking.
    const any = spec.plans.map((_, k) => `(p + ${k} < n && B[at + p + ${k}] !== B[at + p + ${k} + 1] - 1)`).join(' || ');
    body += `{\nlet items;\nfor (let g = 0, p = ${pos}; g < ${spec.count}; g++, p += ${width}) {\n`;
    body += `if (p >= n && g >= ${spec.required}) break;\n`;
    body += `if (${any}) {\nconst item = {};\n`;
    spec.plans.forEach((e, k) => {
      body += elementCode(e, spec.keys[k], `p + ${k}`, `P[${first + k}]`, 'item', sets);
    });
    body += `if (items === undefined) items = [item]; else items.push(item);\n} else if (g < ${spec.required}) {\n`;
    spec.plans.forEach((_, k) => {
      body += `readElement(P[${first + k}], segment, p + ${k}, reporter);\n`;
    });
    body += `}\n}\nif (items !== undefined) o[${keyLiteral(spec.key)}] = items;\n}\n`;
    pos += spec.count * width;
  }
  body += `if (n > ${pos}) reporter.report('error', 'TOO_MANY_ELEMENTS', ${JSON.stringify(`at most ${pos - 1} elements in ${id}`)}, segment, ${pos});\n`;
  // Named in CPU profiles by the segment it reads (the id is a definition's 2-3 letters and digits).
  body += `${notesCall}return o;\n};\n//# sourceURL=x12-read-${id}.js`;
  return new Function(
    'readElement',
    'P',
    'S',
    'checkNotes',
    'centsAt',
    'isDecimalAt',
    'isIntegerAt',
    'integerAt',
    'digitsWithin',
    'isCalendarDateAt',
    'isClockTimeAt',
    'ownString',
    body,
  )(
    readElement,
    plans,
    sets,
    checkNotes,
    centsAt,
    isDecimalAt,
    isIntegerAt,
    integerAt,
    digitsWithin,
    isCalendarDateAt,
    isClockTimeAt,
    ownString,
  ) as SegmentReader;
}
