/**
 * Model objects built by code generated once per definition. The reader assigns a model property
 * for each element it keeps; a generic `out[key] = value` for hundreds of different keys and object
 * shapes makes that store megamorphic, which V8 serves through its runtime (the largest single cost of
 * reading an 835). A function generated per definition stores each key by name at its own site, so
 * every store stays monomorphic. The keys come from the definitions, never from the input.
 */
import type { ModelObject } from './element-reader.ts';

/** Builds one model object from values by position; an undefined value leaves its key out. */
export type ObjectBuilder = (values: readonly unknown[]) => ModelObject;

/** Identifier-safe JSON for a key from a definition (never `__proto__`, which would set the prototype). */
export function keyLiteral(key: string): string {
  if (key === '__proto__') throw new Error('a definition key may not be __proto__');
  return JSON.stringify(key);
}

/**
 * A builder for `keys` (index = position in the values array; an absent key is not kept). Keys are
 * assigned in this order, so the objects are exactly what `out[key] = value` in order would give.
 */
export function objectBuilder(keys: readonly (string | undefined)[]): ObjectBuilder {
  let body = 'const o = {};\nlet x;\n';
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i];
    if (key) body += `if ((x = v[${i}]) !== undefined) o[${keyLiteral(key)}] = x;\n`;
  }
  body += 'return o;';
  return new Function('v', body) as ObjectBuilder;
}

/**
 * Attaches a loop's child (segment object or nested loop object) to the loop's object: `ci` is the
 * child's index in the loop definition, `count` how many of it the loop has read so far. A list
 * child is pushed onto its array; any other child is kept the first time only.
 */
export type ChildAttacher = (loop: ModelObject, ci: number, value: ModelObject, count: number) => void;

/** An attacher for a loop's children, given as [key, list] by child index (an empty key is not kept). */
export function childAttacher(children: readonly (readonly [key: string, list: boolean])[]): ChildAttacher {
  let body = 'let a;\nswitch (ci) {\n';
  children.forEach(([key, list], ci) => {
    if (!key) return;
    const k = keyLiteral(key);
    // A list starts as a one-element literal: `[]` and a push would reserve 17 slots, and many lists
    // (a service's adjustments, a claim's references) hold one item.
    body += list
      ? `case ${ci}: if ((a = o[${k}]) === undefined) o[${k}] = [v]; else a.push(v); return;\n`
      : `case ${ci}: if (n === 1) o[${k}] = v; return;\n`;
  });
  body += '}';
  return new Function('o', 'ci', 'v', 'n', body) as ChildAttacher;
}
