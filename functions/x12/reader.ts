import type { Finding, Severity } from './errors.ts';
import { isList } from './schema.ts';
import type { LoopDef, LoopRule, SegmentDef, TransactionSetDef } from './schema.ts';
import { compileNotesCheck, noteHolds, noteHoldsBits, notesOf } from './syntax.ts';
import type { ParsedNote } from './syntax.ts';
import { childAttacher, objectBuilder } from './object-builder.ts';
import type { ChildAttacher, ObjectBuilder } from './object-builder.ts';
import { elementPlan, hasControlCharacter, readElement, type ElementPlan, type ModelObject, type Reporter } from './element-reader.ts';
import { ownString, ScannedSegment, segmentIdKey } from './tokenizer.ts';
import { CodeSet } from './code-set.ts';
import { compileSegmentReader } from './segment-reader.ts';
import type { CompiledSpec, SegmentReader } from './segment-reader.ts';
import type { Segment } from './tokenizer.ts';

export type { ModelObject } from './element-reader.ts';

/**
 * An open loop as the walker reads it. Frames are reused (a closed loop's frame serves the next
 * loop opened, in this or any later transaction set: see {@link freeFrames}), so that opening a loop
 * allocates neither a frame nor its counters.
 */
class Frame {
  // Set by reopen, which the constructor calls.
  loop!: LoopDef;
  obj!: ModelObject;
  /** Index of the child matched last: order is enforced from here on. */
  index = 0;
  /** Children read so far, by child index (only the loop's first `loop.children.length` are used). */
  counts: number[];
  trigger!: ScannedSegment;
  plan!: LoopPlan;

  constructor(loop: LoopDef, obj: ModelObject, trigger: ScannedSegment, plan: LoopPlan) {
    // Sized once to the loop's children: growing a sparse array as children appear would reallocate.
    this.counts = new Array<number>(loop.children.length).fill(0);
    this.reopen(loop, obj, trigger, plan);
  }

  /** Makes this frame the one of `loop`, newly opened by `trigger`. */
  reopen(loop: LoopDef, obj: ModelObject, trigger: ScannedSegment, plan: LoopPlan): void {
    this.loop = loop;
    this.obj = obj;
    this.index = 0;
    this.trigger = trigger;
    this.plan = plan;
    let counts = this.counts;
    if (counts.length < loop.children.length) counts = this.counts = new Array<number>(loop.children.length).fill(0);
    counts[0] = 1;
    for (let i = loop.children.length - 1; i > 0; i--) counts[i] = 0;
  }

  /** Lets go of the loop's object and trigger (a pooled frame must not keep a chunk of input alive). */
  release(): void {
    this.obj = RELEASED_OBJECT;
    this.trigger = RELEASED_TRIGGER;
  }
}

// What a free frame points at instead of the last loop it read (same types: the fields keep their shape).
const RELEASED_OBJECT: ModelObject = {};
const RELEASED_TRIGGER = ScannedSegment.of({
  id: 'SE',
  elements: ['SE'],
  byteOffset: 0,
  position: 0,
  delimiters: { element: '*', component: ':', repetition: '^', segment: '~' },
});

/**
 * Frames of closed loops, shared by all walkers: an ordinary 835 is ~1 KB transaction sets, each
 * read by a walker of its own, which would otherwise allocate its frames anew. A frame is either
 * in one walker's stack or here: it leaves by `pop` into the stack of the walker opening a loop and
 * comes back only when that walker closes the loop, so two walkers (two readers reading streams in
 * turn) never share one.
 */
const freeFrames: Frame[] = [];
const MAX_FREE_FRAMES = 64;

/** One child of a loop (a segment, or a loop by its trigger) as the walker matches and counts it. */
class ChildPlan {
  readonly def: SegmentDef | LoopDef;
  /** The child's loop definition, undefined for a segment. */
  readonly loop: LoopDef | undefined;
  /** Id of the segment, or of the loop's trigger. */
  readonly id: string;
  /** Its key ({@link segmentIdKey}): never 0, since a definition's ids are 2-3 letters and digits. */
  readonly key: number;
  /** Element that tells same-id segments apart (NM101...), or -1. */
  readonly matchElement: number;
  readonly matchCodes: CodeSet;
  readonly maxUse: number;
  /** Reads the segment, or the loop's trigger. */
  readonly segment: SegmentPlan;

  constructor(def: SegmentDef | LoopDef) {
    const trigger = def.kind === 'segment' ? def : def.children[0];
    this.def = def;
    this.loop = def.kind === 'loop' ? def : undefined;
    this.id = trigger.id;
    this.key = segmentIdKey(trigger.id);
    if (this.key === 0) throw new Error(`segment id ${trigger.id} in a definition is not 2-3 letters and digits`);
    this.matchElement = trigger.match?.element ?? -1;
    this.matchCodes = new CodeSet(trigger.match?.codes ?? []);
    this.maxUse = def.maxUse;
    this.segment = planOf(trigger);
  }

  private loopPlanCache: LoopPlan | undefined;

  /** The plan of the child's loop (a child that is a loop), kept here so opening it costs no WeakMap lookup. */
  loopPlan(): LoopPlan {
    return (this.loopPlanCache ??= loopPlanOf(this.loop as LoopDef));
  }

  /** Whether `segment` is this child (or opens it): same id and, for a qualified child, a listed qualifier. */
  matches(segment: ScannedSegment): boolean {
    if (this.key !== segment.key) return false;
    if (this.matchElement < 0) return true;
    return segment.find(this.matchElement, this.matchCodes) !== undefined;
  }
}

/** What reading a loop needs from its definition, worked out once per definition. */
class LoopPlan {
  readonly attach: ChildAttacher;
  readonly children: readonly ChildPlan[];
  readonly rules: readonly LoopRule[];
  /** Indexes of the required children after the trigger. */
  readonly required: readonly number[];

  constructor(loop: LoopDef) {
    this.attach = childAttacher(loop.children.map((c) => [c.key, isList(c)] as const));
    this.children = loop.children.map((c) => new ChildPlan(c));
    this.rules = loop.rules ?? [];
    const required: number[] = [];
    loop.children.forEach((c, ci) => {
      if (ci > 0 && c.usage === 'R') required.push(ci);
    });
    this.required = required;
  }
}

const loopPlans = new WeakMap<LoopDef, LoopPlan>();

function loopPlanOf(loop: LoopDef): LoopPlan {
  let plan = loopPlans.get(loop);
  if (plan === undefined) {
    plan = new LoopPlan(loop);
    loopPlans.set(loop, plan);
  }
  return plan;
}

function segmentMatches(def: SegmentDef, segment: ScannedSegment): boolean {
  if (def.id !== segment.id) return false;
  const m = def.match;
  if (!m) return true;
  return segment.oneOf(m.element, m.codes) !== undefined;
}

function childMatches(child: SegmentDef | LoopDef, segment: ScannedSegment): boolean {
  return child.kind === 'segment' ? segmentMatches(child, segment) : segmentMatches(child.children[0], segment);
}

/**
 * Lets a caller take loops out of the model while it is being read, so that a transaction set of
 * any size is read in constant memory (the per-claim 835 reader detaches 2000 and 2100). A detached
 * loop is still checked (usage, max use, rules) but is never attached to its parent object.
 */
export interface LoopDetacher {
  /** The loops (by definition identity) handed over instead of attached. */
  readonly loops: ReadonlySet<LoopDef>;
  /** A detached loop's trigger segment arrived; called before the segment is read. */
  opening?(loop: LoopDef): void;
  /** A detached loop was opened: `obj` holds its trigger's fields and fills up until `closed`. */
  opened?(loop: LoopDef, obj: ModelObject): void;
  /** A detached loop closed (after its checks): `obj` is complete. */
  closed(loop: LoopDef, obj: ModelObject): void;
}

/**
 * Walks the segments of one transaction set (ST..SE) through its definition, building the model as
 * segments arrive: feed `accept`, then call `finish` and take `root`.
 */
export class TransactionWalker {
  private readonly stack: Frame[] = [];
  root: ModelObject | undefined;

  private readonly def: TransactionSetDef;
  private readonly findings: Finding[];
  private readonly detacher: LoopDetacher | undefined;

  constructor(def: TransactionSetDef, findings: Finding[], detacher?: LoopDetacher) {
    this.def = def;
    this.findings = findings;
    this.detacher = detacher;
  }

  private add(
    severity: Severity,
    code: string,
    message: string,
    segment: Segment,
    elementPosition?: number,
    componentPosition?: number,
  ): void {
    const f: Finding = {
      severity,
      code,
      message,
      byteOffset: segment.byteOffset,
      segmentPosition: segment.position,
      segmentId: segment.id,
    };
    if (elementPosition !== undefined) f.elementPosition = elementPosition;
    if (componentPosition !== undefined) f.componentPosition = componentPosition;
    this.findings.push(f);
  }

  accept(given: Segment): void {
    // Segments from the scanner are read on their offsets; any other segment is brought to that form.
    const segment = given instanceof ScannedSegment ? given : ScannedSegment.of(given);
    if (this.stack.length === 0) {
      const trigger = this.def.root.children[0];
      if (!segmentMatches(trigger, segment)) {
        this.add('error', 'UNEXPECTED_SEGMENT', `expected ${trigger.id} to open transaction set ${this.def.id}`, segment);
        this.reportControlCharacters(segment);
        return;
      }
      this.root = this.openLoop(this.def.root, segment);
      return;
    }
    const stack = this.stack;
    for (let depth = stack.length - 1; depth >= 0; depth--) {
      const frame = stack[depth] as Frame;
      const children = frame.plan.children;
      for (let ci = frame.index > 1 ? frame.index : 1; ci < children.length; ci++) {
        if (!(children[ci] as ChildPlan).matches(segment)) continue;
        while (stack.length - 1 > depth) this.close();
        this.place(frame, ci, segment);
        return;
      }
    }
    if (this.acceptUnderImpliedLoop(segment)) return;
    // Out of order inside the current loop: an error, but the data is kept in the model.
    const top = this.stack[this.stack.length - 1] as Frame;
    for (let ci = 1; ci < top.index; ci++) {
      const child = top.loop.children[ci] as SegmentDef | LoopDef;
      if (child.kind === 'segment' && segmentMatches(child, segment)) {
        this.add('error', 'SEGMENT_OUT_OF_ORDER', `${segment.id} is out of order in loop ${top.loop.id}`, segment);
        const keep = top.index;
        this.place(top, ci, segment);
        top.index = keep;
        return;
      }
    }
    this.add('error', 'UNEXPECTED_SEGMENT', `a segment allowed in loop ${top.loop.id} or an enclosing loop`, segment);
    this.reportControlCharacters(segment);
  }

  /** A segment no definition reads still has its elements checked for control characters (damaged bytes). */
  private reportControlCharacters(segment: ScannedSegment): void {
    if (!segment.controls) return;
    const at = segment.elements.findIndex((e, k) => k > 0 && hasControlCharacter(e));
    if (at > 0) this.add('error', 'CONTROL_CHARACTER', `no control characters in ${segment.id}${String(at).padStart(2, '0')}`, segment, at);
  }

  /**
   * A trigger of a loop nested in an impliable child loop (CLP whose LX is missing): opens that loop
   * without its trigger, reports it, and reads the segment inside it.
   */
  private acceptUnderImpliedLoop(segment: ScannedSegment): boolean {
    for (let depth = this.stack.length - 1; depth >= 0; depth--) {
      const frame = this.stack[depth] as Frame;
      const children = frame.loop.children;
      for (let ci = Math.max(frame.index, 1); ci < children.length; ci++) {
        const child = children[ci] as SegmentDef | LoopDef;
        if (child.kind !== 'loop' || child.impliable !== true) continue;
        const gi = child.children.findIndex((g, k) => k > 0 && g.kind === 'loop' && childMatches(g, segment));
        if (gi < 0) continue;
        while (this.stack.length - 1 > depth) this.close();
        this.add('error', 'MISSING_LOOP', `loop ${child.id} (${child.children[0].id}) before ${segment.id}`, segment);
        this.place(frame, ci, segment, true);
        const implied = this.stack[this.stack.length - 1] as Frame;
        this.place(implied, gi, segment);
        return true;
      }
    }
    return false;
  }

  /** Reads `segment` as child `ci` of `frame`'s loop: a segment read into the loop's object, or a loop opened. */
  private place(frame: Frame, ci: number, segment: ScannedSegment, implied = false): void {
    frame.index = ci;
    const plan = frame.plan.children[ci] as ChildPlan;
    const count = (frame.counts[ci] = (frame.counts[ci] as number) + 1);
    if (count > plan.maxUse) {
      const child = plan.def;
      this.add(
        'error',
        child.kind === 'loop' ? 'LOOP_MAX_USE' : 'SEGMENT_MAX_USE',
        `at most ${child.maxUse} of ${child.kind === 'loop' ? `loop ${child.id}` : child.id} in loop ${frame.loop.id}`,
        segment,
      );
    }
    const child = plan.loop;
    if (child === undefined) {
      // SE (key '') is not attached: its values live in the envelope, not the model.
      frame.plan.attach(frame.obj, ci, readSegment(plan.def as SegmentDef, plan.segment, segment, this), count);
      return;
    }
    const detacher = this.detacher;
    if (detacher !== undefined && detacher.loops.has(child)) {
      detacher.opening?.(child);
      const obj = this.openLoop(child, segment, implied, plan.loopPlan());
      detacher.opened?.(child, obj);
      return;
    }
    frame.plan.attach(frame.obj, ci, this.openLoop(child, segment, implied, plan.loopPlan()), count);
  }

  /** HL01 values seen in this transaction set (made at the first HL: an 835 has none). */
  private hlIds: Set<string> | undefined;
  private hlCount = 0;

  /**
   * HL01 numbers the HLs of a transaction set 1, 2, 3... in order (so it is unique), and HL02 names
   * the enclosing HL loop (the model leaves both out).
   */
  private checkHierarchy(segment: ScannedSegment): void {
    const id = segment.value(1);
    this.hlCount++;
    this.hlIds ??= new Set();
    if (this.hlIds.has(id)) this.add('error', 'HL_ID', 'HL01 unique within the transaction set', segment, 1);
    else if (id !== String(this.hlCount))
      this.add('error', 'HL_NUMBERING', `HL01 to be ${this.hlCount}: HLs are numbered from 1 in the order they appear`, segment, 1);
    // A copy of its own: the set lives for the whole transaction set, the value is a slice of the chunk.
    this.hlIds.add(ownString(id, 0, id.length));
    let parent = '';
    for (let i = this.stack.length - 1; i >= 0; i--) {
      const trigger = (this.stack[i] as Frame).trigger;
      if (trigger.id === 'HL') {
        parent = trigger.value(1);
        break;
      }
    }
    if (segment.value(2) !== parent)
      this.add('error', 'HL_PARENT', parent ? 'HL02 to name the enclosing HL (its HL01)' : 'no HL02 on a top-level HL', segment, 2);
  }

  /** Opens a loop with its trigger segment, or (implied) without one: `segment` then only locates findings. */
  private openLoop(loopDef: LoopDef, segment: ScannedSegment, implied = false, plan = loopPlanOf(loopDef)): ModelObject {
    if (segment.id === 'HL' && !implied) this.checkHierarchy(segment);
    const obj = implied ? {} : readSegment(loopDef.children[0], (plan.children[0] as ChildPlan).segment, segment, this);
    const free = freeFrames.pop();
    if (free !== undefined) {
      free.reopen(loopDef, obj, segment, plan);
      this.stack.push(free);
    } else this.stack.push(new Frame(loopDef, obj, segment, plan));
    return obj;
  }

  private close(): void {
    const frame = this.stack.pop() as Frame;
    const plan = frame.plan;
    for (const rule of plan.rules) {
      if (!rule.holds(frame.obj)) this.add('error', rule.code, `${rule.expected} (loop ${frame.loop.id})`, frame.trigger);
    }
    const children = frame.loop.children;
    for (const ci of plan.required) {
      const child = children[ci] as SegmentDef | LoopDef;
      if (!frame.counts[ci]) {
        const what = child.kind === 'loop' ? `loop ${child.id} (${child.children[0].id})` : `segment ${child.id}`;
        this.add(
          'error',
          child.kind === 'loop' ? 'MISSING_LOOP' : 'MISSING_SEGMENT',
          `required ${what} in loop ${frame.loop.id}`,
          frame.trigger,
        );
      }
    }
    if (this.detacher !== undefined && this.detacher.loops.has(frame.loop)) this.detacher.closed(frame.loop, frame.obj);
    frame.release();
    if (freeFrames.length < MAX_FREE_FRAMES) freeFrames.push(frame);
  }

  finish(): void {
    while (this.stack.length) this.close();
  }

  report(severity: Severity, code: string, message: string, segment: Segment, elementPosition?: number, componentPosition?: number): void {
    this.add(severity, code, message, segment, elementPosition, componentPosition);
  }
}

/** A repeating run of elements (CAS triplets, PLB pairs) as the generic reading walks it. */
class GroupPlan {
  readonly count: number;
  readonly required: number;
  readonly width: number;
  readonly elements: readonly ElementPlan[];
  /** Builds one repeat's object. */
  readonly build: ObjectBuilder;

  constructor(spec: Extract<CompiledSpec, { kind: 'group' }>) {
    this.count = spec.count;
    this.required = spec.required;
    this.width = spec.plans.length;
    this.elements = spec.plans;
    this.build = objectBuilder(spec.keys);
  }
}

/**
 * What the generic reading of a segment ({@link readSegmentByPlan}) needs: made only when a test asks
 * for it, so that production (compiled readers only) never compiles these builders at cold start.
 */
class GenericPlan {
  /** Builds the segment's object from one value per element spec. */
  readonly build: ObjectBuilder;
  readonly specCount: number;
  /** Per element spec: its plan when it is a plain element. */
  readonly singles: readonly (ElementPlan | undefined)[];
  /** Per element spec: its plan when it is a group. */
  readonly groups: readonly (GroupPlan | undefined)[];

  constructor(specs: readonly CompiledSpec[]) {
    this.build = objectBuilder(specs.map((spec) => spec.key));
    this.specCount = specs.length;
    this.singles = specs.map((spec) => (spec.kind === 'group' ? undefined : spec.plan));
    this.groups = specs.map((spec) => (spec.kind === 'group' ? new GroupPlan(spec) : undefined));
  }
}

/**
 * What reading a segment needs from its definition, worked out once per definition. The reader
 * touches only plans (one object shape each), never the definitions' element specs, whose shapes vary.
 */
class SegmentPlan {
  /** X12 position of the segment's last required element (0 when none). */
  readonly last: number;
  readonly notes: readonly ParsedNote[];
  /** The element specs with their plans, as the compiled reader and the generic plan both take them. */
  readonly specs: readonly CompiledSpec[];
  /** The segment's reader compiled from this plan (see segment-reader.ts). */
  readonly read: SegmentReader;
  private generic: GenericPlan | undefined = undefined;

  constructor(def: SegmentDef) {
    let last = 0;
    let pos = 1;
    for (const spec of def.elements) {
      if (spec.kind === 'group') {
        for (let g = 0; g < spec.required; g++) {
          spec.elements.forEach((e, k) => {
            if (e.usage === 'R') last = pos + g * spec.elements.length + k;
          });
        }
        pos += spec.count * spec.elements.length;
      } else {
        if (spec.usage === 'R') last = pos;
        pos++;
      }
    }
    this.last = last;
    this.notes = def.syntax !== undefined ? notesOf(def) : [];
    this.specs = def.elements.map((spec): CompiledSpec =>
      spec.kind === 'group'
        ? {
            kind: 'group',
            key: spec.key,
            count: spec.count,
            required: spec.required,
            keys: spec.elements.map((e) => e.key),
            plans: spec.elements.map(elementPlan),
          }
        : { kind: 'element', key: spec.key, plan: elementPlan(spec) },
    );
    this.read = compileSegmentReader(def.id, this.specs, last, this.notes.length > 0 ? compileNotesCheck(this.notes) : undefined);
  }

  /** The generic reading's plan, built the first time it is asked for. */
  get byPlan(): GenericPlan {
    return (this.generic ??= new GenericPlan(this.specs));
  }
}

const plans = new WeakMap<SegmentDef, SegmentPlan>();

function planOf(def: SegmentDef): SegmentPlan {
  let plan = plans.get(def);
  if (plan === undefined) {
    plan = new SegmentPlan(def);
    plans.set(def, plan);
  }
  return plan;
}

// Scratch values for one segment and for one repeat of a group (reading never nests segments).
const segmentValues: unknown[] = [];
const itemValues: unknown[] = [];

/** Whether segments are read by the generic loop instead of their compiled readers (tests only). */
let generic = false;

/**
 * Test hook: reads every segment by the generic loop over plans (`true`) or by the compiled readers
 * (`false`, the default), so that tests can compare whole files read both ways.
 */
export function readSegmentsGenerically(on: boolean): void {
  generic = on;
}

/** Reads one segment's elements into an object keyed by the definition, by its compiled reader. */
function readSegment(def: SegmentDef, plan: SegmentPlan, segment: ScannedSegment, reporter: Reporter): ModelObject {
  return generic ? readSegmentByPlan(def, plan, segment, reporter) : plan.read(segment, reporter);
}

/** Reads a segment by its compiled reader (what the walker does), for tests that compare it with {@link readSegmentGeneric}. */
export function readSegmentCompiled(def: SegmentDef, segment: Segment, reporter: Reporter): ModelObject {
  return planOf(def).read(segment instanceof ScannedSegment ? segment : ScannedSegment.of(segment), reporter);
}

/**
 * The generic reading of a segment that the compiled readers (segment-reader.ts) reproduce: kept as
 * their reference, which test/x12/segment-reader.test.ts compares them with.
 */
export function readSegmentGeneric(def: SegmentDef, segment: Segment, reporter: Reporter): ModelObject {
  return readSegmentByPlan(def, planOf(def), segment instanceof ScannedSegment ? segment : ScannedSegment.of(segment), reporter);
}

function readSegmentByPlan(def: SegmentDef, plan: SegmentPlan, segment: ScannedSegment, reporter: Reporter): ModelObject {
  const n = segment.count;
  const last = plan.last;
  const byPlan = plan.byPlan;
  const specCount = byPlan.specCount;
  const values = segmentValues;
  let pos = 1;
  let si = 0;
  for (; si < specCount; si++) {
    // Past the segment's last element and its last required one, nothing is left to read or report.
    if (pos >= n && pos > last) break;
    const single = byPlan.singles[si];
    if (single !== undefined) {
      values[si] = readElement(single, segment, pos, reporter);
      pos++;
      continue;
    }
    const group = byPlan.groups[si] as GroupPlan;
    let items: ModelObject[] | undefined;
    const width = group.width;
    const count = group.count;
    for (let g = 0; g < count; g++) {
      if (pos >= n && g >= group.required) {
        // The remaining repeats are absent: skip them without looking.
        pos += (count - g) * width;
        break;
      }
      let any = false;
      for (let k = 0; k < width; k++) if (segment.has(pos + k)) any = true;
      if (any || g < group.required) {
        for (let k = 0; k < width; k++) {
          itemValues[k] = readElement(group.elements[k] as ElementPlan, segment, pos, reporter);
          pos++;
        }
        if (any) (items ??= []).push(group.build(itemValues));
      } else pos += width;
    }
    values[si] = items;
  }
  for (; si < specCount; si++) values[si] = undefined;
  const out = byPlan.build(values);
  if (n > pos) {
    reporter.report('error', 'TOO_MANY_ELEMENTS', `at most ${pos - 1} elements in ${def.id}`, segment, pos);
  }
  if (plan.notes.length > 0) checkNotes(plan.notes, segment, reporter);
  return out;
}

/** Reports each syntax note (paired, required, conditional...) that `segment` breaks. */
function checkNotes(notes: readonly ParsedNote[], segment: ScannedSegment, reporter: Reporter): void {
  // Which of elements 1-30 are present, as bits: each note is then a mask and a bit count.
  const n = segment.count;
  let present = 0;
  const upTo = n < 31 ? n : 31;
  for (let k = 1; k < upTo; k++) if (segment.has(k)) present |= 1 << k;
  for (let k = 0; k < notes.length; k++) {
    const note = notes[k] as ParsedNote;
    const holds = note.mask !== 0 ? noteHoldsBits(note, present) : noteHolds(note, segment);
    if (!holds) reporter.report('error', note.code, note.text, segment, note.positions[0]);
  }
}

/**
 * Reads the segments of one transaction set (ST through SE) into a model shaped by `def`,
 * appending guide findings to `findings`. Never throws on guide violations.
 */
export function readTransactionSet(def: TransactionSetDef, segments: readonly Segment[], findings: Finding[]): ModelObject {
  const walker = new TransactionWalker(def, findings);
  for (const s of segments) walker.accept(s);
  walker.finish();
  return walker.root ?? {};
}
