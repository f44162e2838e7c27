import { ApiError } from './errors.ts';
import type { HistoryEvent } from './history.ts';

function encodePageToken(offset: number): string {
  return Buffer.from(JSON.stringify({ o: offset })).toString('base64url');
}

function decodePageToken(token: string | undefined): number {
  if (!token) return 0;
  try {
    const { o } = JSON.parse(Buffer.from(token, 'base64url').toString()) as { o: number };
    if (Number.isInteger(o) && o >= 0) return o;
  } catch {
    // fall through
  }
  throw new ApiError('InvalidToken', 'Invalid pagination token');
}

/** A history event without its data fields, as GetExecutionHistory returns it with `includeExecutionData: false`. */
export function withoutData(event: HistoryEvent): HistoryEvent {
  const copy: Record<string, unknown> = { ...event };
  for (const [key, value] of Object.entries(copy)) {
    if (key.endsWith('EventDetails') && value && typeof value === 'object') {
      const details = { ...(value as Record<string, unknown>) };
      for (const field of ['input', 'output', 'parameters']) {
        if (field in details) {
          delete details[field];
          details[`${field}Details`] = { included: false };
        }
      }
      copy[key] = details;
    }
  }
  return copy as HistoryEvent;
}

/**
 * One page of `items` as the List/Get APIs return it: at most `maxResults` (100 by default, 1000 at
 * most) from the offset `nextToken` carries, and the token of the next page when there is one.
 */
export function pageOf<T>(
  items: readonly T[],
  maxResults: number | undefined,
  nextToken: string | undefined,
): { page: T[]; nextToken?: string } {
  const max = maxResults && maxResults > 0 ? Math.min(maxResults, 1000) : 100;
  const offset = decodePageToken(nextToken);
  const page = items.slice(offset, offset + max);
  return { page, ...(offset + max < items.length ? { nextToken: encodePageToken(offset + max) } : {}) };
}
