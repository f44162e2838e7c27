/**
 * The console as a Node server (what `rcm console` and the browser tests run): the hono app, the
 * built front end from `webDist`, and a poller that keeps the execution index current. In AWS the
 * same app runs in Lambda (lambda.ts) with the index fed by EventBridge instead.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, resolve } from 'node:path';
import { setInterval, clearInterval } from 'node:timers';
import { serve } from '@hono/node-server';
import type { LambdaClient } from '@aws-sdk/client-lambda';
import type { SFNClient } from '@aws-sdk/client-sfn';
import { consoleApp } from './app.ts';
import { ExecutionFeed } from './execution-feed.ts';
import { memoryConsoleStores, type ConsoleStores } from './console-stores.ts';
import { webDist } from './web-build.ts';

export interface ConsoleServerOptions {
  readonly sfn: SFNClient;
  readonly lambda: LambdaClient;
  readonly now: () => Promise<number>;
  /** 0 picks a free port. */
  readonly port?: number;
  readonly host?: string;
  /** How often the poller reads Step Functions (default 2 s). */
  readonly pollMs?: number;
  readonly idleMs?: number;
  /** The built front end (default: the Vite build under .local/console-web). */
  readonly webDir?: string;
  /** Where the index, the saved views and the audit are kept (default: in memory; see console-stores.ts). */
  readonly stores?: ConsoleStores;
}

export interface ConsoleServer {
  readonly url: string;
  readonly feed: ExecutionFeed;
  /** Reads Step Functions now instead of waiting for the next poll. */
  refresh(): Promise<void>;
  close(): Promise<void>;
}

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
};

/** Starts the console; resolves once it listens and the index holds every execution the stack has. */
export async function startConsoleServer(options: ConsoleServerOptions): Promise<ConsoleServer> {
  const stores = options.stores ?? memoryConsoleStores();
  const feed = new ExecutionFeed(options.sfn, stores.executions);
  const app = consoleApp({
    sfn: options.sfn,
    lambda: options.lambda,
    feed,
    views: stores.views,
    audit: stores.audit,
    now: options.now,
    ...(options.idleMs ? { idleMs: options.idleMs } : {}),
  });
  const root = resolve(options.webDir ?? webDist);
  // The front end: its files, and index.html for any other path (the app routes in the browser).
  app.get('*', (c) => {
    const path = normalize(join(root, decodeURIComponent(new URL(c.req.url).pathname)));
    const file = path.startsWith(root) && existsSync(path) && statSync(path).isFile() ? path : join(root, 'index.html');
    if (!existsSync(file)) return c.text('The console front end is not built: run npm run console:build', 503);
    return c.body(readFileSync(file), 200, { 'Content-Type': contentTypes[extname(file)] ?? 'application/octet-stream' });
  });

  let polling: Promise<void> = Promise.resolve();
  const refresh = (): Promise<void> => {
    polling = polling
      .then(() => feed.poll().then(() => undefined))
      .catch((error: Error) => console.error(`console: polling failed with ${error.name}`));
    return polling;
  };
  await refresh();
  const timer = setInterval(() => void refresh(), options.pollMs ?? 2000);

  const server = await new Promise<ReturnType<typeof serve>>((ready) => {
    const s = serve({ fetch: app.fetch, port: options.port ?? 0, hostname: options.host ?? '127.0.0.1' }, () => ready(s));
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${options.host ?? '127.0.0.1'}:${port}`,
    feed,
    refresh,
    close: async () => {
      clearInterval(timer);
      await polling;
      await new Promise<void>((done) => server.close(() => done()));
    },
  };
}
