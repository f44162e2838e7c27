/** What the scrubber reports: one finding per problem, all at once (contract: schemas/scrub-result.ts). */
import type { Finding } from '#schemas/scrub-result.ts';

export type { Finding, Severity } from '#schemas/scrub-result.ts';

/** Shorthand constructors. */
export const error = (id: string, path: string, message: string): Finding => ({ id, severity: 'error', path, message });
export const warning = (id: string, path: string, message: string): Finding => ({ id, severity: 'warning', path, message });
