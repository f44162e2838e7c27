/** The console server's API as the pages call it: JSON in request bodies, the session in a cookie. */

export class NotLoggedOn extends Error {}

/** Calls the console server; `background` marks live-update refreshes, which do not count as activity. */
export async function call<T>(method: 'GET' | 'POST' | 'DELETE', path: string, body?: unknown, background = false): Promise<T> {
  const response = await fetch(path, {
    method,
    credentials: 'same-origin',
    headers: { 'Content-Type': 'application/json', ...(background ? { 'x-console-activity': 'background' } : {}) },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  const json = (await response.json()) as T & { message?: string };
  if (response.status === 401) throw new NotLoggedOn(json.message ?? 'not logged on');
  if (!response.ok) throw new Error(json.message ?? `the console answered ${response.status}`);
  return json;
}

export interface ExecutionRow {
  executionArn: string;
  name: string;
  workflow: string;
  status: string;
  startedAt: number;
  stoppedAt?: number;
  currentState?: string;
  stateEnteredAt?: number;
  error?: string;
  cause?: string;
  claimId?: string;
  payerId?: string;
}

export interface Query {
  text?: string;
  workflow?: string;
  payerId?: string;
  status?: string;
  state?: string;
  error?: string;
  minAgeDays?: number;
  maxAgeDays?: number;
}

export interface SearchResult {
  now: number;
  total: number;
  executions: ExecutionRow[];
  counts: Record<string, number>;
  /** Claims per payer, most first, with where they sit. */
  payers: { payerId: string; count: number; byState: Record<string, number> }[];
  failures: { error: string; cause: string; count: number; workflows: string[] }[];
  workflows: string[];
}

export interface GraphData {
  startAt: string;
  nodes: { id: string; type: string; x: number; y: number; width: number; height: number }[];
  edges: { id: string; source: string; target: string; kind: string }[];
}

export interface HistoryRow {
  id: number;
  type: string;
  at: number;
  state?: string;
  resource?: string;
  error?: string;
  cause?: string;
}

export interface WorkItem {
  workItemId: string;
  queue: string;
  kind: string;
  claimId?: string;
  payerId?: string;
  amountCents: number;
  deadline?: string;
  summary: string;
  details: Record<string, unknown>;
  actions: string[];
  createdAt: string;
  raisedBy: string;
  awaited: boolean;
}
