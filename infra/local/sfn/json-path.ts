/**
 * Reads a simple reference path (`$`, `$.a.b`, `$.a[0]`, `$['a b']`), the subset ASL allows in
 * `SecondsPath`, `TimestampPath`, `TimeoutSecondsPath` and `HeartbeatSecondsPath`.
 */
export function readReferencePath(value: unknown, path: string): unknown {
  if (!path.startsWith('$')) throw new Error(`"${path}" is not a reference path`);
  let current: unknown = value;
  const pattern = /\.([A-Za-z_][A-Za-z0-9_-]*)|\[(\d+)\]|\['([^']+)'\]/gy;
  pattern.lastIndex = 1;
  while (pattern.lastIndex < path.length) {
    const start = pattern.lastIndex;
    const match = pattern.exec(path);
    if (!match || match.index !== start) throw new Error(`"${path}" is not a reference path`);
    const key = match[1] ?? match[3] ?? Number(match[2]);
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string | number, unknown>)[key];
  }
  return current;
}
