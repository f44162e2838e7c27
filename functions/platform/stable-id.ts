import { createHash } from 'node:crypto';

/**
 * An id that is the same every time the same thing is raised or recorded (a retried step, a redelivered
 * file), so a conditional write recognizes it: the prefix and the first 128 bits of SHA-256 over the
 * parts joined by NUL. Parts may be anything; the id carries none of them, so it is never PHI.
 */
export function stableId(prefix: string, ...parts: readonly string[]): string {
  return `${prefix}-${createHash('sha256').update(parts.join('\u0000')).digest('hex').slice(0, 32)}`;
}
