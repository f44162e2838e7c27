/**
 * Who is using the console, and whether their session has been idle too long (HIPAA automatic logoff,
 * §164.312(a)(2)(iii)). Locally a session is the console's own cookie; in AWS the HTTP API's JWT
 * authorizer has checked the Cognito token, and the user is its claims (the Lambda event's
 * `requestContext.authorizer.jwt.claims`). Either way a session's last activity is kept in a
 * {@link SessionActivity}: once idle past the limit, the session is ended and stays ended (in AWS the
 * same token no longer opens the console: the person logs on again at Cognito).
 */
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { ConsoleTableContext } from './dynamo-execution-store.ts';

/** A person and the session they act in. */
export interface ConsoleIdentity {
  readonly user: string;
  /** Stable for one logon (Cognito's `origin_jti` survives token refreshes). */
  readonly session: string;
}

/** What is known of a session: whose, its last activity (epoch ms), and whether it ended. */
export interface SessionRecord {
  readonly user: string;
  readonly lastSeen: number;
  readonly ended?: boolean;
}

/** Where sessions' activity is kept: in memory (one server), or in the console's table (many Lambda containers). */
export interface SessionActivity {
  get(session: string): Promise<SessionRecord | undefined>;
  put(session: string, record: SessionRecord): Promise<void>;
}

/** Sessions in the process's memory. */
export function memorySessionActivity(): SessionActivity {
  const sessions = new Map<string, SessionRecord>();
  return {
    get: async (session) => sessions.get(session),
    put: async (session, record) => void sessions.set(session, record),
  };
}

/** Sessions in the console's table (`pk = SESSION#<id>`), expiring a day after their last activity. */
export function dynamoSessionActivity(ctx: ConsoleTableContext): SessionActivity {
  const key = (session: string) => ({ pk: `SESSION#${session}`, sk: 'SESSION' });
  return {
    async get(session) {
      const out = await ctx.doc.send(new GetCommand({ TableName: ctx.tableName, Key: key(session), ConsistentRead: true }));
      return out.Item?.record as SessionRecord | undefined;
    },
    async put(session, record) {
      await ctx.doc.send(
        new PutCommand({
          TableName: ctx.tableName,
          Item: { ...key(session), record, expiresAt: Math.floor(record.lastSeen / 1000) + 86_400 },
        }),
      );
    },
  };
}

/** The claims API Gateway's JWT authorizer passes on, as hono/aws-lambda hands over the event. */
interface AuthorizedEvent {
  readonly requestContext?: { readonly authorizer?: { readonly jwt?: { readonly claims?: Readonly<Record<string, unknown>> } } };
}

/**
 * The person a request comes from in AWS, from the Cognito access token's claims the HTTP API's JWT
 * authorizer verified; undefined when there are none (the route is then refused).
 */
export function identityFromJwt(event: unknown): ConsoleIdentity | undefined {
  const claims = (event as AuthorizedEvent | undefined)?.requestContext?.authorizer?.jwt?.claims;
  if (!claims) return undefined;
  const text = (name: string) => (typeof claims[name] === 'string' && claims[name] ? (claims[name] as string) : undefined);
  const user = text('username') ?? text('cognito:username') ?? text('sub');
  const session = text('origin_jti') ?? text('jti');
  return user && session ? { user, session } : undefined;
}
