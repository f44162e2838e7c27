/** Executions: server-side search by claim id, workflow, state, status and age; counts per state on the graph; failures grouped; saved views. */
import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { call, type GraphData, type Query, type SearchResult } from './api.ts';
import { WorkflowGraph } from './Graph.tsx';
import { duration, relative, utc } from './format.ts';
import { useLive } from './live.ts';

const STATUSES = ['RUNNING', 'SUCCEEDED', 'FAILED', 'TIMED_OUT', 'ABORTED'];

export function ExecutionsPage({ initialViewId, onOpen, live }: { initialViewId?: string; onOpen: (arn: string) => void; live: boolean }) {
  const [draft, setDraft] = useState<Query>({});
  const [query, setQuery] = useState<Query>({});
  const [viewId, setViewId] = useState<string | undefined>(initialViewId);
  const [result, setResult] = useState<SearchResult>();
  const [graph, setGraph] = useState<GraphData>();
  const [views, setViews] = useState<{ id: string; name: string }[]>([]);
  const [viewName, setViewName] = useState('');
  const [shared, setShared] = useState<string>();
  const [error, setError] = useState<string>();

  const load = useCallback(
    (background = false) =>
      call<SearchResult & { query: Query }>('POST', '/api/executions/search', { query, ...(viewId ? { viewId } : {}) }, background)
        .then((r) => {
          setResult(r);
          if (viewId) {
            setDraft(r.query);
            setQuery(r.query);
            setViewId(undefined);
          }
        })
        .catch((e: Error) => setError(e.message)),
    [query, viewId],
  );
  useEffect(() => void load(), [load]);
  useLive(live, () => load(true));
  useEffect(() => void call<{ views: { id: string; name: string }[] }>('GET', '/api/views').then((r) => setViews(r.views)), [shared]);
  const matching = [...new Set(result?.executions.map((e) => e.workflow) ?? [])];
  // The graph with counts is drawn for one workflow: the one searched for, or the only one that matches.
  const workflow = query.workflow ?? (matching.length === 1 ? matching[0] : undefined);
  useEffect(() => {
    if (workflow) void call<GraphData>('GET', `/api/workflows/${encodeURIComponent(workflow)}/graph`).then(setGraph);
    else setGraph(undefined);
  }, [workflow]);

  const search = (event: FormEvent) => {
    event.preventDefault();
    setQuery(Object.fromEntries(Object.entries(draft).filter(([, v]) => v !== '' && v !== undefined)) as Query);
  };
  const save = async (event: FormEvent) => {
    event.preventDefault();
    const view = await call<{ id: string }>('POST', '/api/views', { name: viewName, query });
    setShared(`${location.origin}/?view=${view.id}`);
  };
  const set = (key: keyof Query, value: string | number | undefined) => setDraft({ ...draft, [key]: value === '' ? undefined : value });

  return (
    <section aria-labelledby="executions-heading">
      <h1 id="executions-heading">Executions</h1>
      <form className="filters" onSubmit={search} aria-label="Search executions">
        <label>
          Claim id or execution name
          <input name="text" value={draft.text ?? ''} onChange={(e) => set('text', e.target.value)} autoComplete="off" />
        </label>
        <label>
          Workflow
          <select value={draft.workflow ?? ''} onChange={(e) => set('workflow', e.target.value)}>
            <option value="">any</option>
            {result?.workflows.map((w) => (
              <option key={w}>{w}</option>
            ))}
          </select>
        </label>
        <label>
          Status
          <select value={draft.status ?? ''} onChange={(e) => set('status', e.target.value)}>
            <option value="">any</option>
            {STATUSES.map((s) => (
              <option key={s}>{s}</option>
            ))}
          </select>
        </label>
        <label>
          Current state
          <input value={draft.state ?? ''} onChange={(e) => set('state', e.target.value)} list="states" autoComplete="off" />
          <datalist id="states">
            {Object.keys(result?.counts ?? {}).map((s) => (
              <option key={s} value={s} />
            ))}
          </datalist>
        </label>
        <label>
          Older than (days)
          <input
            type="number"
            min={0}
            value={draft.minAgeDays ?? ''}
            onChange={(e) => set('minAgeDays', e.target.value === '' ? undefined : Number(e.target.value))}
          />
        </label>
        <label>
          Newer than (days)
          <input
            type="number"
            min={0}
            value={draft.maxAgeDays ?? ''}
            onChange={(e) => set('maxAgeDays', e.target.value === '' ? undefined : Number(e.target.value))}
          />
        </label>
        <button type="submit">Search</button>
        {query.error && (
          <button
            type="button"
            onClick={() => {
              setDraft({ ...draft, error: undefined });
              setQuery({ ...query, error: undefined });
            }}
          >
            Clear error filter ({query.error})
          </button>
        )}
      </form>
      <div className="views">
        <label>
          Saved views
          <select value="" onChange={(e) => e.target.value && setViewId(e.target.value)}>
            <option value="">open a saved view…</option>
            {views.map((v) => (
              <option key={v.id} value={v.id}>
                {v.name}
              </option>
            ))}
          </select>
        </label>
        <form onSubmit={save} aria-label="Save this search as a view">
          <label>
            View name
            <input value={viewName} onChange={(e) => setViewName(e.target.value)} required maxLength={80} />
          </label>
          <button type="submit">Save view</button>
        </form>
        {shared && (
          <p role="status">
            Share this link (it holds only the view's id): <code>{shared}</code>
          </p>
        )}
      </div>
      {error && <p role="alert">{error}</p>}
      {result && (
        <>
          <p role="status">
            {result.total} executions match{result.total > result.executions.length ? ` (showing ${result.executions.length})` : ''}.
          </p>
          <table className="data">
            <caption className="sr-only">Matching executions, newest first</caption>
            <thead>
              <tr>
                <th scope="col">Execution</th>
                <th scope="col">Workflow</th>
                <th scope="col">Status</th>
                <th scope="col">Current state</th>
                <th scope="col">Time in state</th>
                <th scope="col">Started</th>
              </tr>
            </thead>
            <tbody>
              {result.executions.map((e) => (
                <tr key={e.executionArn}>
                  <td>
                    <button className="link" onClick={() => onOpen(e.executionArn)}>
                      {e.name}
                    </button>
                  </td>
                  <td>{e.workflow}</td>
                  <td>
                    <span className={`status status-${e.status}`}>{e.status}</span>
                  </td>
                  <td>{e.currentState ?? '—'}</td>
                  <td>{e.stateEnteredAt !== undefined ? duration((e.stoppedAt ?? result.now) - e.stateEnteredAt) : '—'}</td>
                  <td title={utc(e.startedAt)}>
                    {relative(e.startedAt, result.now)}
                    <br />
                    <small>{utc(e.startedAt)}</small>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <div className="panels">
            <section aria-labelledby="counts-heading">
              <h2 id="counts-heading">Where they sit{workflow ? ` in ${workflow}` : ''}</h2>
              <table className="data compact">
                <thead>
                  <tr>
                    <th scope="col">State</th>
                    <th scope="col">Executions</th>
                  </tr>
                </thead>
                <tbody>
                  {Object.entries(result.counts)
                    .sort((a, b) => b[1] - a[1])
                    .map(([state, count]) => (
                      <tr key={state}>
                        <td>
                          <button
                            className="link"
                            onClick={() => {
                              setDraft({ ...draft, state });
                              setQuery({ ...query, state });
                            }}
                          >
                            {state}
                          </button>
                        </td>
                        <td>{count}</td>
                      </tr>
                    ))}
                </tbody>
              </table>
            </section>
            <section aria-labelledby="failures-heading">
              <h2 id="failures-heading">Failures by error and cause</h2>
              {result.failures.length === 0 ? (
                <p>No failed executions match.</p>
              ) : (
                <table className="data compact">
                  <thead>
                    <tr>
                      <th scope="col">Error</th>
                      <th scope="col">Cause</th>
                      <th scope="col">Executions</th>
                    </tr>
                  </thead>
                  <tbody>
                    {result.failures.map((f) => (
                      <tr key={`${f.error}|${f.cause}`}>
                        <td>
                          <button
                            className="link"
                            onClick={() => {
                              setDraft({ ...draft, error: f.error });
                              setQuery({ ...query, error: f.error, status: undefined });
                            }}
                          >
                            {f.error}
                          </button>
                        </td>
                        <td>{f.cause.slice(0, 160)}</td>
                        <td>{f.count}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              )}
            </section>
          </div>
          {graph && workflow && (
            <section aria-labelledby="graph-heading">
              <h2 id="graph-heading">{workflow}: executions per state</h2>
              <WorkflowGraph
                graph={graph}
                counts={result.counts}
                marks={Object.fromEntries(Object.keys(result.counts).map((s) => [s, 'current' as const]))}
                label={`${workflow} state machine with the number of executions in each state`}
              />
            </section>
          )}
        </>
      )}
    </section>
  );
}
