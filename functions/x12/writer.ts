import { formatCents, isDecimal } from './decimal.ts';
import { X12Error } from './errors.ts';
import { isList } from './schema.ts';
import type { ElementDef, LoopDef, SegmentDef, TransactionSetDef } from './schema.ts';
import type { Delimiters } from './tokenizer.ts';
import type { ModelObject } from './reader.ts';

/** Delimiters used by everything this project writes. */
export const DEFAULT_DELIMITERS: Delimiters = { element: '*', component: ':', repetition: '^', segment: '~' };

interface WriteContext {
  def: TransactionSetDef;
  delimiters: Delimiters;
  controlNumber: string;
  out: string[][];
  hlCounter: number;
  hlStack: number[];
}

function pad(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

function fail(
  code: 'WRITE_MODEL' | 'DELIMITER_IN_VALUE',
  expected: string,
  segmentId: string,
  elementPosition?: number,
  componentPosition?: number,
): never {
  const where: { segmentId: string; elementPosition?: number; componentPosition?: number } = { segmentId };
  if (elementPosition !== undefined) where.elementPosition = elementPosition;
  if (componentPosition !== undefined) where.componentPosition = componentPosition;
  throw new X12Error(code, expected, where);
}

const forbiddenCache = new WeakMap<Delimiters, RegExp>();

/** One native test per value: delimiters and line breaks may never appear inside data. */
function forbidden(d: Delimiters): RegExp {
  let re = forbiddenCache.get(d);
  if (!re) {
    const chars = [d.element, d.component, d.segment, d.repetition, '\r', '\n'].filter((c) => c !== '');
    re = new RegExp(`[${chars.map((c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`).join('')}]`);
    forbiddenCache.set(d, re);
  }
  return re;
}

function checkText(text: string, d: Delimiters, segmentId: string, pos: number, comp?: number): string {
  if (forbidden(d).test(text)) {
    fail(
      'DELIMITER_IN_VALUE',
      `${segmentId}${pad(pos)}${comp ? `-${comp}` : ''} without delimiter characters (* : ^ ~) or line breaks`,
      segmentId,
      pos,
      comp,
    );
  }
  return text;
}

function formatValue(e: ElementDef, value: unknown, ctx: WriteContext, segmentId: string, pos: number, comp?: number): string {
  const name = `${segmentId}${pad(pos)}${comp ? `-${comp}` : ''}`;
  let text: string;
  switch (e.type) {
    case '$':
      if (typeof value !== 'number' || !Number.isSafeInteger(value)) fail('WRITE_MODEL', `${name} as integer cents`, segmentId, pos, comp);
      text = formatCents(value);
      break;
    case 'N0':
      if (typeof value !== 'number' || !Number.isSafeInteger(value)) fail('WRITE_MODEL', `${name} as an integer`, segmentId, pos, comp);
      text = String(value);
      break;
    case 'R':
      if (typeof value !== 'string' || !isDecimal(value)) fail('WRITE_MODEL', `${name} as a decimal string`, segmentId, pos, comp);
      text = value;
      break;
    default:
      if (typeof value !== 'string') fail('WRITE_MODEL', `${name} as a string`, segmentId, pos, comp);
      text = value;
      if (e.type === 'DT' && !/^(\d{8}|\d{6})$/.test(text)) fail('WRITE_MODEL', `${name} as a date CCYYMMDD`, segmentId, pos, comp);
      if (e.type === 'TM' && !/^\d{4,8}$/.test(text)) fail('WRITE_MODEL', `${name} as a time HHMM[SS[dd]]`, segmentId, pos, comp);
      if (text.length > e.max || text.length < e.min) fail('WRITE_MODEL', `${name} of ${e.min}-${e.max} characters`, segmentId, pos, comp);
      if (e.codes && !e.codes.includes(text)) fail('WRITE_MODEL', `${name} to be one of the guide's codes`, segmentId, pos, comp);
  }
  return checkText(text, ctx.delimiters, segmentId, pos, comp);
}

function writeComposite(e: ElementDef, value: unknown, ctx: WriteContext, segmentId: string, pos: number): string {
  if (typeof value !== 'object' || value === null) fail('WRITE_MODEL', `${segmentId}${pad(pos)} as an object`, segmentId, pos);
  const obj = value as ModelObject;
  const parts: string[] = [];
  (e.components as readonly ElementDef[]).forEach((c, k) => {
    if (c.fixed !== undefined) {
      parts.push(c.fixed);
      return;
    }
    const v = c.key ? obj[c.key] : undefined;
    if (v === undefined || v === '') {
      if (c.usage === 'R') fail('WRITE_MODEL', `required component ${segmentId}${pad(pos)}-${k + 1}`, segmentId, pos, k + 1);
      parts.push('');
      return;
    }
    parts.push(formatValue(c, v, ctx, segmentId, pos, k + 1));
  });
  while (parts.length && parts[parts.length - 1] === '') parts.pop();
  return parts.join(ctx.delimiters.component);
}

function writeElement(
  e: ElementDef,
  obj: ModelObject,
  ctx: WriteContext,
  segmentId: string,
  pos: number,
  computedValue: (e: ElementDef) => string,
): string {
  if (e.fixed !== undefined) return e.fixed;
  if (e.computed) return computedValue(e);
  const value = e.key ? obj[e.key] : undefined;
  if (value === undefined || value === '' || (Array.isArray(value) && value.length === 0)) {
    if (e.usage === 'R') fail('WRITE_MODEL', `required element ${segmentId}${pad(pos)}`, segmentId, pos);
    return '';
  }
  if (e.usage === 'N') fail('WRITE_MODEL', `no value for ${segmentId}${pad(pos)} (not used by the guide)`, segmentId, pos);
  if (e.repeat && e.repeat > 1) {
    if (!Array.isArray(value)) fail('WRITE_MODEL', `${segmentId}${pad(pos)} as an array`, segmentId, pos);
    if (value.length > e.repeat) fail('WRITE_MODEL', `at most ${e.repeat} repeats of ${segmentId}${pad(pos)}`, segmentId, pos);
    if (!ctx.delimiters.repetition && value.length > 1) fail('WRITE_MODEL', 'a repetition separator for repeated elements', segmentId, pos);
    return value
      .map((v) => (e.components ? writeComposite(e, v, ctx, segmentId, pos) : formatValue(e, v, ctx, segmentId, pos)))
      .join(ctx.delimiters.repetition);
  }
  return e.components ? writeComposite(e, value, ctx, segmentId, pos) : formatValue(e, value, ctx, segmentId, pos);
}

function writeSegment(def: SegmentDef, obj: ModelObject, ctx: WriteContext, computedValue: (e: ElementDef) => string): void {
  const els: string[] = [def.id];
  let pos = 1;
  for (const spec of def.elements) {
    if (spec.kind === 'group') {
      const items = obj[spec.key];
      const arr = Array.isArray(items) ? (items as ModelObject[]) : [];
      if (arr.length > spec.count) fail('WRITE_MODEL', `at most ${spec.count} entries in ${def.id} ${spec.key}`, def.id, pos);
      if (arr.length < spec.required) fail('WRITE_MODEL', `at least ${spec.required} entries in ${def.id} ${spec.key}`, def.id, pos);
      for (let g = 0; g < spec.count; g++) {
        const item = arr[g];
        for (const e of spec.elements) {
          els.push(item ? writeElement(e, item, ctx, def.id, pos, computedValue) : '');
          pos++;
        }
      }
      continue;
    }
    els.push(writeElement(spec, obj, ctx, def.id, pos, computedValue));
    pos++;
  }
  while (els.length > 1 && els[els.length - 1] === '') els.pop();
  ctx.out.push(els);
}

function hasHlChildren(loopDef: LoopDef, obj: ModelObject): boolean {
  for (const child of loopDef.children) {
    if (child.kind !== 'loop') continue;
    const v = obj[child.key];
    const present = Array.isArray(v) ? v.length > 0 : v !== undefined;
    if (!present) continue;
    if (child.children[0].id === 'HL') return true;
  }
  return false;
}

function writeLoop(loopDef: LoopDef, obj: ModelObject, ctx: WriteContext, index: number): void {
  const trigger = loopDef.children[0];
  for (const rule of loopDef.rules ?? []) {
    if (!rule.holds(obj)) fail('WRITE_MODEL', `${rule.expected} (loop ${loopDef.id})`, trigger.id);
  }
  let hlId = 0;
  const parentHl = ctx.hlStack[ctx.hlStack.length - 1];
  if (trigger.id === 'HL') hlId = ++ctx.hlCounter;
  const computedValue = (e: ElementDef): string => {
    switch (e.computed) {
      case 'hl-id':
        return String(hlId);
      case 'hl-parent':
        return parentHl === undefined ? '' : String(parentHl);
      case 'hl-child':
        return hasHlChildren(loopDef, obj) ? '1' : '0';
      case 'line-number':
        return String(index + 1);
      case 'control-number':
        return ctx.controlNumber;
      case 'version':
        return ctx.def.version;
      case 'segment-count':
        return String(ctx.out.length + 1);
      default:
        return '';
    }
  };
  writeSegment(trigger, obj, ctx, computedValue);
  if (hlId) ctx.hlStack.push(hlId);
  for (let ci = 1; ci < loopDef.children.length; ci++) {
    const child = loopDef.children[ci] as SegmentDef | LoopDef;
    const value = obj[child.key];
    const items = value === undefined ? [] : isList(child) ? value : [value];
    if (!Array.isArray(items)) fail('WRITE_MODEL', `${child.key} as an array`, child.kind === 'segment' ? child.id : child.children[0].id);
    const isTrailer = child.kind === 'segment' && child.elements.some((e) => e.kind === 'element' && e.computed === 'segment-count');
    if (isTrailer) {
      writeSegment(child, {}, ctx, computedValue);
      continue;
    }
    if (items.length === 0 && child.usage === 'R') {
      fail(
        'WRITE_MODEL',
        `required ${child.kind === 'loop' ? `loop ${child.id} (${child.key})` : `segment ${child.id} (${child.key})`} in loop ${loopDef.id}`,
        child.kind === 'segment' ? child.id : child.children[0].id,
      );
    }
    if (items.length > child.maxUse)
      fail(
        'WRITE_MODEL',
        `at most ${child.maxUse} of ${child.key} in loop ${loopDef.id}`,
        child.kind === 'segment' ? child.id : child.children[0].id,
      );
    items.forEach((item: unknown, i: number) => {
      if (typeof item !== 'object' || item === null)
        fail('WRITE_MODEL', `${child.key} entries as objects`, child.kind === 'segment' ? child.id : child.children[0].id);
      if (child.kind === 'segment') writeSegment(child, item as ModelObject, ctx, computedValue);
      else writeLoop(child, item as ModelObject, ctx, i);
    });
  }
  if (hlId) ctx.hlStack.pop();
}

/**
 * Writes one transaction set (ST..SE) from a model shaped by `def`. HL numbers, LX line numbers, SE01 and
 * the control numbers are computed. Throws {@link X12Error} (never writing) for a missing required value,
 * a value of the wrong type, or a value containing a delimiter.
 */
export function writeTransactionSet(
  def: TransactionSetDef,
  model: ModelObject,
  controlNumber: string,
  delimiters: Delimiters = DEFAULT_DELIMITERS,
): string[][] {
  const ctx: WriteContext = { def, delimiters, controlNumber, out: [], hlCounter: 0, hlStack: [] };
  writeLoop(def.root, model, ctx, 0);
  return ctx.out;
}

/** Joins element arrays into X12 text; `lineBreaks` adds a newline after each terminator for readability. */
export function serializeSegments(segments: readonly string[][], delimiters: Delimiters = DEFAULT_DELIMITERS, lineBreaks = true): string {
  const term = delimiters.segment + (lineBreaks ? '\n' : '');
  let out = '';
  for (const s of segments) out += s.join(delimiters.element) + term;
  return out;
}
