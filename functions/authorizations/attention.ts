/** Which live authorizations need a person ahead of time: ending soon, or running out of units. Pure. */
import { addDays } from '#functions/claims/calendar.ts';
import { AUTHORIZING_STATUSES, unitsLeft, type Authorization } from '#schemas/authorization.ts';
import type { AuthorizationWorkKind } from './decision.ts';

/** How far ahead the sweep warns. */
export interface AttentionPolicy {
  /** An approved authorization ending within this many days is `expiring` (default 14). */
  expiringWithinDays: number;
  /** One with at most this share of its approved units left is `units-running-out` (default 0.2). */
  unitsLeftShare: number;
}

export const DEFAULT_ATTENTION: AttentionPolicy = { expiringWithinDays: 14, unitsLeftShare: 0.2 };

/** The attention an authorization needs on `today`, if any (units first: they can run out well before the end). */
export function attentionFor(
  a: Authorization,
  today: string,
  policy: AttentionPolicy = DEFAULT_ATTENTION,
): AuthorizationWorkKind | undefined {
  if (!AUTHORIZING_STATUSES.includes(a.status) || a.validThrough < today) return undefined;
  const left = unitsLeft(a);
  if (a.approvedUnits !== undefined && left !== undefined && left <= a.approvedUnits * policy.unitsLeftShare) return 'units-running-out';
  if (a.validThrough <= addDays(today, policy.expiringWithinDays)) return 'expiring';
  return undefined;
}

/** An authorization past its end that is still live is expired. */
export function isPastEnd(a: Authorization, today: string): boolean {
  return a.validThrough < today && a.status !== 'denied' && a.status !== 'expired';
}
