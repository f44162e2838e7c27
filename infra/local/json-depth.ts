/**
 * Deepest nesting of arrays and objects the local stack accepts in a payload. V8's JSON.stringify
 * recurses and overflows the stack a few thousand levels down; real payloads nest a few dozen.
 */
export const MAX_JSON_DEPTH = 1000;

/** Whether a JSON value nests arrays and objects deeper than `max` levels (`[]` is one level); iterative, so safe at any depth. */
export function nestedDeeperThan(value: unknown, max = MAX_JSON_DEPTH): boolean {
  const pending: [unknown, number][] = [[value, 0]];
  while (pending.length > 0) {
    const [item, depth] = pending.pop()!;
    if (item === null || typeof item !== 'object') continue;
    if (depth + 1 > max) return true;
    for (const child of Array.isArray(item) ? item : Object.values(item)) pending.push([child, depth + 1]);
  }
  return false;
}
