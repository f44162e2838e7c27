/**
 * Segment readers compiled once per segment definition. The generic reader walks a segment's
 * element plans in a loop, collects values in a scratch array and hands them to a model builder;
 * for a segment of plain elements (no repeating group) the same steps are generated as straight-line
 * code: each element read at its constant position by its own call site (monomorphic), each kept
 * value stored by name into the model object, the end of the segment and the too-many-elements check
 * decided by constants. Findings are the generic reader's, in the same order. Keys and positions come
 * from the definitions, never from the input.
 */
import { readElement } from './element-reader.ts';
import type { ElementPlan, ModelObject, Reporter } from './element-reader.ts';
import { keyLiteral } from './object-builder.ts';
import type { ParsedNote } from './syntax.ts';
import type { ScannedSegment } from './tokenizer.ts';

/** Reads one scanned segment into its model object, reporting what departs from the guide. */
export type SegmentReader = (segment: ScannedSegment, reporter: Reporter) => ModelObject;

/** Checks a segment's syntax notes (the reader's own function, passed in to keep one implementation). */
export type NotesCheck = (notes: readonly ParsedNote[], segment: ScannedSegment, reporter: Reporter) => void;

/**
 * Compiles the reader of a segment whose element specs are all plain elements: `keys[i]` and
 * `plans[i]` describe element i + 1; `last` is the position of its last required element (0 when
 * none): past the segment's end and past `last` nothing is left to read or report. `notes` is given
 * when the segment has syntax notes (`checkNotes` is then called with them).
 */
export function compileSegmentReader(
  id: string,
  keys: readonly (string | undefined)[],
  plans: readonly ElementPlan[],
  last: number,
  checkNotes: NotesCheck | undefined,
  notes: readonly ParsedNote[] = [],
): SegmentReader {
  const total = plans.length;
  let body = 'return function read(segment, reporter) {\nconst n = segment.count;\nconst o = {};\nlet x;\n';
  // The tail shared by every exit: too many elements (only possible when all were read), then notes.
  const notesCall = checkNotes !== undefined ? 'checkNotes(notes, segment, reporter);\n' : '';
  for (let i = 0; i < total; i++) {
    const pos = i + 1;
    // The generic loop stops before element `pos` when the segment has ended and nothing required is left.
    if (pos > last) body += `if (n <= ${pos}) {\n${notesCall}return o;\n}\n`;
    const key = keys[i];
    body += key
      ? `if ((x = readElement(P[${i}], segment, ${pos}, reporter)) !== undefined) o[${keyLiteral(key)}] = x;\n`
      : `readElement(P[${i}], segment, ${pos}, reporter);\n`;
  }
  body += `if (n > ${total + 1}) reporter.report('error', 'TOO_MANY_ELEMENTS', ${JSON.stringify(`at most ${total} elements in ${id}`)}, segment, ${total + 1});\n`;
  body += `${notesCall}return o;\n};`;
  return new Function('readElement', 'P', 'checkNotes', 'notes', body)(readElement, plans, checkNotes, notes) as SegmentReader;
}
