import { ApiError } from './errors.ts';

/** The JSON types of the request members the local stack checks. */
export type MemberType = 'string' | 'number' | 'boolean';

/**
 * Checks request members' JSON types as AWS does before acting: a member that is present (and not
 * null) with another type fails with a 400 ValidationException naming the member, never its value.
 */
export function checkMemberTypes(request: object, members: Readonly<Record<string, MemberType>>): void {
  for (const [member, type] of Object.entries(members)) {
    const value = (request as Record<string, unknown>)[member];
    if (value !== undefined && value !== null && typeof value !== type) {
      throw new ApiError(
        'ValidationException',
        `1 validation error detected: Value at '${member}' failed to satisfy constraint: Member must be a ${type}`,
      );
    }
  }
}
