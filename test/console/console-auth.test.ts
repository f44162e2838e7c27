/**
 * The console in AWS knows its user from the Cognito token the HTTP API's JWT authorizer verified, as
 * the Lambda event carries it through hono's aws-lambda adapter; no token, no console. Idle logoff
 * still applies, with the sessions' activity in the console's table: a session idle past the limit is
 * ended for good, and logging off ends it too.
 */
import type { LambdaClient } from '@aws-sdk/client-lambda';
import type { SFNClient } from '@aws-sdk/client-sfn';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Context } from 'aws-lambda';
import { handle } from 'hono/aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consoleApp } from '#functions/console/app.ts';
import { dynamoSessionActivity, identityFromJwt, memorySessionActivity, type SessionActivity } from '#functions/console/console-auth.ts';
import { memoryConsoleStores } from '#functions/console/console-stores.ts';
import { consoleTable } from '#functions/console/console-table.ts';
import { ExecutionFeed } from '#functions/console/execution-feed.ts';
import { createTestTable, type TestTable } from '#test/support/dynamodb.ts';

const IDLE_MS = 15 * 60_000;

let table: TestTable;
beforeAll(async () => {
  table = await createTestTable(consoleTable);
});
afterAll(async () => table?.drop());

/** The console's Lambda handler over these sessions (no Step Functions or application needed for these routes). */
function consoleLambda(sessions: SessionActivity) {
  const stores = memoryConsoleStores();
  const app = consoleApp({
    sfn: {} as SFNClient,
    lambda: {} as LambdaClient,
    feed: new ExecutionFeed({} as SFNClient, stores.executions),
    views: stores.views,
    audit: stores.audit,
    now: async () => Date.parse('2026-03-01T00:00:00Z'),
    identify: identityFromJwt,
    sessions,
    idleMs: IDLE_MS,
  });
  const handler = handle(app);
  return async (method: string, path: string, claims?: Record<string, string>, body?: unknown) => {
    const event = {
      version: '2.0',
      routeKey: '$default',
      rawPath: path,
      rawQueryString: '',
      headers: { host: 'console.example.org', 'content-type': 'application/json' },
      requestContext: {
        http: { method, path, protocol: 'HTTP/1.1', sourceIp: '10.0.0.1', userAgent: 'test' },
        ...(claims ? { authorizer: { jwt: { claims, scopes: [] } } } : {}),
      },
      isBase64Encoded: false,
      ...(body ? { body: JSON.stringify(body) } : {}),
    } as unknown as Parameters<typeof handler>[0];
    const reply = (await handler(event, {} as Context)) as { statusCode: number; body: string; headers: Record<string, string> };
    return { status: reply.statusCode, body: JSON.parse(reply.body) as Record<string, unknown>, headers: reply.headers };
  };
}

const ana = { sub: '5f1c-ana', username: 'ana.billing', origin_jti: 'logon-1', jti: 'token-1', token_use: 'access' };

describe.each([
  ['memory', () => memorySessionActivity()],
  ['the console table', () => dynamoSessionActivity({ doc: DynamoDBDocumentClient.from(table.client), tableName: table.tableName })],
])('the console in AWS, sessions in %s', (_, sessionsIn) => {
  it('knows the user from the verified token and refuses requests without one', async () => {
    const call = consoleLambda(sessionsIn());
    expect((await call('GET', '/api/session')).status).toBe(401);
    const logon = await call('POST', '/api/session', ana);
    expect(logon).toMatchObject({ status: 200, body: { user: 'ana.billing', idleMs: IDLE_MS } });
    expect(logon.headers['cache-control']).toBe('no-store');
    // A refreshed token of the same logon keeps the session.
    expect(await call('GET', '/api/session', { ...ana, jti: 'token-2' })).toMatchObject({ status: 200, body: { user: 'ana.billing' } });
  });

  it('ends a session idle past the limit for good, and on logging off', async () => {
    const sessions = sessionsIn();
    const call = consoleLambda(sessions);
    const ben = { ...ana, username: 'ben.ops', origin_jti: `logon-ben-${Math.random()}` };
    expect((await call('POST', '/api/session', ben)).status).toBe(200);
    const active = (await sessions.get(ben.origin_jti))!;
    await sessions.put(ben.origin_jti, { ...active, lastSeen: active.lastSeen - IDLE_MS - 1 });
    expect((await call('GET', '/api/session', ben)).status).toBe(401);
    expect(await sessions.get(ben.origin_jti)).toMatchObject({ ended: true });
    expect((await call('POST', '/api/session', ben)).status).toBe(401);

    const cy = { ...ana, username: 'cy.ops', origin_jti: `logon-cy-${Math.random()}` };
    expect((await call('POST', '/api/session', cy)).status).toBe(200);
    expect((await call('DELETE', '/api/session', cy)).body).toEqual({ loggedOff: true });
    expect((await call('GET', '/api/views', cy)).status).toBe(401);
  });
});
