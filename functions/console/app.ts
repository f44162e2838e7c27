/**
 * The ops console's server: a hono app the browser talks to. It reads workflow executions from Step
 * Functions (and its own execution index), and reaches the application only through its Lambda
 * functions: the work queues (ListWorkItems, GetWorkItem, ResolveWorkItem) and the Lambda APIs through
 * the typed client, as the `billing-office` consumer, so every view of PHI is audited by those APIs.
 * It never reads the table. Ids and codes travel in request bodies or opaque ids, never search values
 * in URLs; every answer carries `Cache-Control: no-store`, `Referrer-Policy: no-referrer` and a strict CSP.
 */
import { randomUUID } from 'node:crypto';
import { InvokeCommand, type LambdaClient } from '@aws-sdk/client-lambda';
import {
  DescribeExecutionCommand,
  DescribeStateMachineCommand,
  GetExecutionHistoryCommand,
  ListStateMachinesCommand,
  type SFNClient,
} from '@aws-sdk/client-sfn';
import { Hono, type Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { z } from 'zod';
import { ApiCallError, apiClient, type ApiClient } from '#functions/api/client.ts';
import { workAction, workItemSchema, workQueue, type WorkItem } from '#schemas/work-item.ts';
import type { ConsoleAudit } from './console-audit.ts';
import { memorySessionActivity, type ConsoleIdentity, type SessionActivity } from './console-auth.ts';
import { claimIdOf, executionStatuses, type ExecutionQuery } from './execution-index.ts';
import { workflowNamed, type ExecutionFeed } from './execution-feed.ts';
import type { SavedViews } from './saved-views.ts';
import { workflowGraph, type WorkflowGraph } from './workflow-graph.ts';

/** What the console server needs; tests and `rcm console` pass the local stack's clients. */
export interface ConsoleDependencies {
  readonly sfn: SFNClient;
  readonly lambda: LambdaClient;
  readonly feed: ExecutionFeed;
  readonly views: SavedViews;
  readonly audit: ConsoleAudit;
  /** The application's time (the local stack's simulated clock), epoch ms: ages and "time in state" count from it. */
  readonly now: () => Promise<number>;
  /** Logs a user off after this long without a request (default 15 minutes). */
  readonly idleMs?: number;
  /** The Lambda alias the APIs are invoked through (the `billing-office` consumer). */
  readonly apiQualifier?: string;
  /** The deployed name of an application function, by its name in the model (default: the name itself, as locally). */
  readonly functionName?: (name: string) => string;
  /**
   * In AWS: the person a request comes from, from the event the HTTP API's JWT authorizer passed
   * (console-auth.ts `identityFromJwt`). Omitted: the console's own session cookie (locally).
   */
  readonly identify?: (event: unknown) => ConsoleIdentity | undefined;
  /** Where sessions' last activity is kept (default: memory; the console table in AWS). */
  readonly sessions?: SessionActivity;
  /** Reads the workflows' new states after a decision (default: the feed polls; in AWS the refresher does it). */
  readonly refreshAfterDecision?: () => Promise<unknown>;
}

/** The console's security headers: no caching, no referrer, only its own scripts, styles and connections. */
export const securityHeaders: Readonly<Record<string, string>> = {
  'Cache-Control': 'no-store',
  'Referrer-Policy': 'no-referrer',
  'Content-Security-Policy':
    "default-src 'none'; script-src 'self'; style-src 'self'; style-src-attr 'unsafe-inline'; img-src 'self' data:; " +
    "font-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Cross-Origin-Opener-Policy': 'same-origin',
};

const SESSION_COOKIE = 'rcm_console_session';

const querySchema = z.object({
  text: z.string().max(128).optional(),
  workflow: z.string().max(80).optional(),
  payerId: z.string().max(64).optional(),
  status: z.enum(executionStatuses).optional(),
  state: z.string().max(80).optional(),
  error: z.string().max(256).optional(),
  minAgeDays: z.number().min(0).max(3650).optional(),
  maxAgeDays: z.number().min(0).max(3650).optional(),
  limit: z.number().int().min(1).max(500).optional(),
});
const queueFilter = z.object({ kind: z.string().max(50).optional(), payerId: z.string().max(64).optional() });
const reason = z.string().trim().min(3).max(500);

type Env = { Variables: { user: string }; Bindings: { event?: unknown } };

/** The console's hono app over its dependencies. */
export function consoleApp(deps: ConsoleDependencies): Hono<Env> {
  const app = new Hono<Env>();
  const sessions = deps.sessions ?? memorySessionActivity();
  const idleMs = deps.idleMs ?? 15 * 60_000;
  const graphs = new Map<string, Promise<WorkflowGraph>>();
  const functionName = deps.functionName ?? ((name: string) => name);
  const api: ApiClient = apiClient({ lambda: deps.lambda, qualifier: deps.apiQualifier ?? 'billing-office', functionName });
  const refreshAfterDecision = deps.refreshAfterDecision ?? (() => deps.feed.poll());
  /** The request's person and session: the JWT's claims in AWS, else the session cookie. */
  const identityOf = (c: Context<Env>): ConsoleIdentity | undefined => {
    if (deps.identify) return deps.identify(c.env?.event);
    const session = getCookie(c, SESSION_COOKIE);
    return session ? { user: '', session } : undefined;
  };

  const invoke = async <T>(name: string, payload: unknown): Promise<T> => {
    const out = await deps.lambda.send(
      new InvokeCommand({ FunctionName: functionName(name), Payload: new TextEncoder().encode(JSON.stringify(payload)) }),
    );
    const body: unknown = JSON.parse(new TextDecoder().decode(out.Payload ?? new Uint8Array()) || 'null');
    if (out.FunctionError) {
      const { errorType, errorMessage } = (body ?? {}) as { errorType?: string; errorMessage?: string };
      throw new ApiCallError(errorType ?? 'Unknown', errorMessage ?? out.FunctionError);
    }
    return body as T;
  };

  const stateMachineArn = async (workflow: string): Promise<string | undefined> =>
    ((await deps.sfn.send(new ListStateMachinesCommand({}))).stateMachines ?? []).find((m) => workflowNamed(m.name ?? '') === workflow)
      ?.stateMachineArn;

  app.use('*', async (c, next) => {
    await next();
    for (const [name, value] of Object.entries(securityHeaders)) c.header(name, value);
  });

  app.onError((error, c) => {
    // Messages of our errors name fields, not values; anything else is reported by name only.
    if (error instanceof ApiCallError)
      return c.json({ error: error.errorType, message: error.message }, error.errorType.endsWith('NotFoundError') ? 404 : 400);
    if (error instanceof z.ZodError)
      return c.json({ error: 'InputValidationError', message: error.issues.map((i) => i.path.join('.') || '(root)').join(', ') }, 400);
    console.error(`console: ${c.req.method} ${c.req.routePath} failed with ${error.name}`);
    return c.json({ error: 'InternalError', message: 'the console could not answer; see its log' }, 500);
  });

  app.post('/api/session', async (c) => {
    // In AWS the person logged on at Cognito: the session starts with the token's first use here.
    if (deps.identify) {
      const identity = identityOf(c);
      const known = identity ? await sessions.get(identity.session) : undefined;
      if (!identity || known?.ended) return c.json({ error: 'NotLoggedOn', message: 'log on to use the console' }, 401);
      await sessions.put(identity.session, { user: identity.user, lastSeen: Date.now() });
      return c.json({ user: identity.user, idleMs });
    }
    const { user } = z.object({ user: z.string().regex(/^[A-Za-z0-9._@-]{1,64}$/) }).parse(await c.req.json());
    const id = randomUUID();
    await sessions.put(id, { user, lastSeen: Date.now() });
    setCookie(c, SESSION_COOKIE, id, { httpOnly: true, sameSite: 'Strict', path: '/' });
    return c.json({ user, idleMs });
  });
  app.delete('/api/session', async (c) => {
    const identity = identityOf(c);
    const known = identity ? await sessions.get(identity.session) : undefined;
    if (identity && known) await sessions.put(identity.session, { ...known, ended: true });
    if (!deps.identify) deleteCookie(c, SESSION_COOKIE, { path: '/' });
    return c.json({ loggedOff: true });
  });

  // Every other API needs a session that has not been idle too long (HIPAA automatic logoff); once
  // idle, it stays ended.
  app.use('/api/*', async (c, next) => {
    const identity = identityOf(c);
    let session = identity ? await sessions.get(identity.session) : undefined;
    // In AWS a token of a logon the console has not seen yet starts its session (the person just
    // logged on at Cognito); an ended session stays ended.
    if (deps.identify && identity && !session) {
      session = { user: identity.user, lastSeen: Date.now() };
      await sessions.put(identity.session, session);
    }
    if (!identity || !session || session.ended || Date.now() - session.lastSeen > idleMs) {
      if (identity && session && !session.ended) await sessions.put(identity.session, { ...session, ended: true });
      return c.json({ error: 'NotLoggedOn', message: 'log on to use the console' }, 401);
    }
    // A background refresh (live updates) does not count as activity.
    if (c.req.header('x-console-activity') !== 'background') await sessions.put(identity.session, { ...session, lastSeen: Date.now() });
    c.set('user', session.user);
    await next();
  });

  app.get('/api/session', (c) => c.json({ user: c.get('user'), idleMs }));

  app.post('/api/executions/search', async (c) => {
    const body = z.object({ query: querySchema.default({}), viewId: z.string().uuid().optional() }).parse(await c.req.json());
    const view = body.viewId ? await deps.views.get(body.viewId) : undefined;
    const query: ExecutionQuery = view ? { ...view.query, ...body.query } : body.query;
    const now = await deps.now();
    const index = deps.feed.index;
    const [page, counts, payers, failures, workflows] = await Promise.all([
      index.search(query, now),
      index.countsByState(query, now),
      index.countsByPayer(query, now),
      index.failureGroups(query, now),
      index.workflows(),
    ]);
    return c.json({ now, query, ...page, counts, payers, failures, workflows });
  });

  app.get('/api/views', async (c) => c.json({ views: await deps.views.list() }));
  app.get('/api/views/:id', async (c) => {
    const view = await deps.views.get(c.req.param('id'));
    return view ? c.json(view) : c.json({ error: 'NotFound', message: 'no saved view with this id' }, 404);
  });
  app.post('/api/views', async (c) => {
    const body = z.object({ name: z.string().trim().min(1).max(80), query: querySchema }).parse(await c.req.json());
    return c.json(await deps.views.save({ ...body, createdBy: c.get('user'), createdAt: new Date(await deps.now()).toISOString() }));
  });

  app.get('/api/workflows/:name/graph', async (c) => {
    const name = c.req.param('name');
    let graph = graphs.get(name);
    if (!graph) {
      const arn = await stateMachineArn(name);
      if (!arn) return c.json({ error: 'NotFound', message: 'no such workflow' }, 404);
      graph = deps.sfn.send(new DescribeStateMachineCommand({ stateMachineArn: arn })).then((m) => workflowGraph(m.definition!));
      graphs.set(name, graph);
    }
    return c.json(await graph);
  });

  app.get('/api/executions/:arn', async (c) => {
    const executionArn = c.req.param('arn');
    const nextToken = c.req.query('page');
    const [described, history] = await Promise.all([
      deps.sfn.send(new DescribeExecutionCommand({ executionArn })),
      deps.sfn.send(
        new GetExecutionHistoryCommand({ executionArn, maxResults: 500, includeExecutionData: false, ...(nextToken ? { nextToken } : {}) }),
      ),
    ]);
    return c.json({
      now: await deps.now(),
      execution: {
        executionArn,
        name: described.name,
        workflow: described.stateMachineArn?.split(':').pop(),
        status: described.status,
        startedAt: described.startDate?.getTime(),
        stoppedAt: described.stopDate?.getTime(),
        error: described.error,
        cause: described.cause,
        indexed: await deps.feed.index.get(executionArn),
      },
      events: (history.events ?? []).map((e) => {
        const details = Object.entries(e).find(([key]) => key.endsWith('EventDetails'))?.[1] as
          { name?: string; error?: string; cause?: string; resource?: string } | undefined;
        return {
          id: e.id,
          previousEventId: e.previousEventId,
          type: e.type,
          at: e.timestamp?.getTime(),
          state: details?.name,
          resource: details?.resource,
          error: details?.error,
          cause: details?.cause,
        };
      }),
      nextPage: history.nextToken,
    });
  });

  // Execution data holds PHI: shown only on demand, with a reason, and the reveal is recorded. The
  // data of a claim's execution is the patient's record: the view goes into the patient's PHI access
  // audit trail (RecordDisclosure) before the answer leaves; if it cannot be recorded, nothing is shown.
  app.post('/api/executions/:arn/reveal', async (c) => {
    const executionArn = c.req.param('arn');
    const body = z.object({ reason }).parse(await c.req.json());
    const described = await deps.sfn.send(new DescribeExecutionCommand({ executionArn }));
    const claimId = (await deps.feed.index.get(executionArn))?.claimId ?? claimIdOf(described.name ?? '');
    const fields = (['input', 'output'] as const).filter((field) => described[field] !== undefined);
    if (claimId && fields.length > 0)
      await api.call('RecordDisclosure', {
        claimId,
        executionArn,
        fields,
        reason: body.reason,
        purposeOfUse: 'operations',
        onBehalfOf: c.get('user'),
      });
    await deps.audit.record({
      at: new Date(await deps.now()).toISOString(),
      user: c.get('user'),
      action: 'reveal-execution-data',
      target: executionArn,
      reason: body.reason,
    });
    return c.json({ input: described.input ?? null, output: described.output ?? null });
  });

  // A claim's timeline and related executions, through the GetClaimTimeline API (which audits the read).
  app.post('/api/claims/timeline', async (c) => {
    const { claimId } = z.object({ claimId: z.string().min(1).max(64) }).parse(await c.req.json());
    return c.json(await api.call('GetClaimTimeline', { claimId, purposeOfUse: 'operations', onBehalfOf: c.get('user') }));
  });

  const openItems = async (queue: z.infer<typeof workQueue>, filter: z.infer<typeof queueFilter> = {}): Promise<WorkItem[]> => {
    const items: WorkItem[] = [];
    let nextToken: string | undefined;
    do {
      const page = await invoke<{ items: WorkItem[]; nextToken?: string }>('ListWorkItems', {
        queue,
        status: 'open',
        limit: 200,
        ...(filter.kind ? { kind: filter.kind } : {}),
        ...(filter.payerId ? { payerId: filter.payerId } : {}),
        ...(nextToken ? { nextToken } : {}),
      });
      items.push(...page.items.map((i) => workItemSchema.parse(i)));
      nextToken = page.nextToken;
    } while (nextToken && items.length < 2000);
    return items;
  };

  app.get('/api/queues/:queue', async (c) => {
    const queue = workQueue.parse(c.req.param('queue'));
    return c.json({ now: await deps.now(), items: await openItems(queue) });
  });

  app.get('/api/work-items/:id', async (c) => c.json(await invoke<WorkItem>('GetWorkItem', { workItemId: c.req.param('id') })));

  app.post('/api/work-items/:id/resolve', async (c) => {
    const body = z
      .object({
        action: workAction,
        reason,
        payload: z.record(z.string(), z.union([z.string().max(200), z.number(), z.array(z.string().max(50)).max(50)])).optional(),
      })
      .parse(await c.req.json());
    const result = await invoke<Record<string, unknown>>('ResolveWorkItem', {
      workItemId: c.req.param('id'),
      ...body,
      decidedBy: c.get('user'),
    });
    // The decision may resume a workflow: read its new state now rather than at the next poll.
    await refreshAfterDecision().catch(() => undefined);
    return c.json(result);
  });

  app.post('/api/queues/:queue/bulk-preview', async (c) => {
    const queue = workQueue.parse(c.req.param('queue'));
    const body = z.object({ filter: queueFilter.default({}), action: workAction }).parse(await c.req.json());
    const items = (await openItems(queue, body.filter)).filter((i) => i.actions.includes(body.action));
    return c.json({ count: items.length, amountCents: items.reduce((sum, i) => sum + i.amountCents, 0) });
  });

  app.post('/api/queues/:queue/bulk', async (c) => {
    const queue = workQueue.parse(c.req.param('queue'));
    const body = z
      .object({ filter: queueFilter.default({}), action: workAction, reason, expectedCount: z.number().int().min(1) })
      .parse(await c.req.json());
    const items = (await openItems(queue, body.filter)).filter((i) => i.actions.includes(body.action));
    // The person confirmed a count: if the queue changed since the preview, nothing is decided.
    if (items.length !== body.expectedCount)
      return c.json({ error: 'PreviewChanged', message: 'the queue changed since the preview; preview again', count: items.length }, 409);
    const user = c.get('user');
    for (const item of items)
      await invoke('ResolveWorkItem', { workItemId: item.workItemId, action: body.action, reason: body.reason, decidedBy: user });
    await deps.audit.record({
      at: new Date(await deps.now()).toISOString(),
      user,
      action: 'bulk-resolve',
      target: queue,
      reason: body.reason,
      count: items.length,
    });
    await refreshAfterDecision().catch(() => undefined);
    return c.json({ decided: items.length });
  });

  app.get('/api/audit', async (c) => c.json({ entries: await deps.audit.list() }));

  return app;
}
