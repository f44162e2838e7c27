/**
 * Executions: server-side search by claim id, workflow, payer, state, status and age; counts per state on
 * the graph and per payer; failures grouped; saved views.
 */
import { useCallback, useEffect, useMemo, useState, type FormEvent } from 'react';
import { call, type ExecutionRow, type GraphData, type Query, type SearchResult } from './api.ts';
import { columnsOf, DataTable } from './DataTable.tsx';
import { WorkflowGraph } from './Graph.tsx';
import { duration, relative, utc } from './format.ts';
import { useLive } from './live.ts';

const STATUSES = ['RUNNING', 'SUCCEEDED', 'FAILED', 'TIMED_OUT', 'ABORTED'];
const column = columnsOf<ExecutionRow>();

/** The executions list's columns; times count from the application's `now`, sorting by the underlying epoch ms. */
function executionColumns(now: number, onOpen: (arn: string) => void) {
  return [
    column.accessor('name', {
      header: 'Execution',
      cell: (c) => (
        <button className="link" onClick={() => onOpen(c.row.original.executionArn)}>
          {c.getValue()}
        </button>
      ),
    }),
    column.accessor('workflow', { header: 'Workflow' }),
    column.accessor((e) => e.payerId ?? '', { id: 'payer', header: 'Payer', cell: (c) => c.getValue() || '—' }),
    column.accessor('status', {
      header: 'Status',
      cell: (c) => <span className={`status status-${c.getValue()}`}>{c.getValue()}</span>,
    }),
    column.accessor((e) => e.currentState ?? '', { id: 'state', header: 'Current state', cell: (c) => c.getValue() || '—' }),
    column.accessor((e) => (e.stateEnteredAt !== undefined ? (e.stoppedAt ?? now) - e.stateEnteredAt : -1), {
      id: 'timeInState',
      header: 'Time in state',
      cell: (c) => (c.getValue() >= 0 ? duration(c.getValue()) : '—'),
    }),
    column.accessor('startedAt', {
      header: 'Started',
      cell: (c) => (
        <span title={utc(c.getValue())}>
          {relative(c.getValue(), now)}
          <br />
          <small>{utc(c.getValue())}</small>
        </span>
      ),
    }),
  ];
}

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
  const now = result?.now ?? 0;
  const columns = useMemo(() => executionColumns(now, onOpen), [now, onOpen]);
  const narrow = (change: Partial<Query>) => {
    setDraft({ ...draft, ...change });
    setQuery({ ...query, ...change });
  };

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
          Payer id
          <input value={draft.payerId ?? ''} onChange={(e) => set('payerId', e.target.value)} list="payers" autoComplete="off" />
          <datalist id="payers">
            {(result?.payers ?? []).map((p) => (
              <option key={p.payerId} value={p.payerId} />
            ))}
          </datalist>
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
          <DataTable rows={result.executions} columns={columns} rowId={(e) => e.executionArn} caption="Matching executions, newest first" />
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
                          <button className="link" onClick={() => narrow({ state })}>
                            {state}
                          </button>
                        </td>
                        <td>{count}</td>
                      </tr>
                    ))}
                </tbody>
              </table>
            </section>
            <section aria-labelledby="payers-heading">
              <h2 id="payers-heading">Claims per payer</h2>
              {result.payers.length === 0 ? (
                <p>No matching claim names its payer.</p>
              ) : (
                <table className="data compact">
                  <caption className="sr-only">Matching claim executions per payer, most first, and the states they sit in</caption>
                  <thead>
                    <tr>
                      <th scope="col">Payer</th>
                      <th scope="col">Claims</th>
                      <th scope="col">Where they sit</th>
                    </tr>
                  </thead>
                  <tbody>
                    {result.payers.map((p) => (
                      <tr key={p.payerId}>
                        <td>
                          <button className="link" onClick={() => narrow({ payerId: p.payerId })} aria-label={`only payer ${p.payerId}`}>
                            {p.payerId}
                          </button>
                        </td>
                        <td>{p.count}</td>
                        <td>
                          <ul className="inline">
                            {Object.entries(p.byState)
                              .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
                              .map(([state, count]) => (
                                <li key={state}>
                                  <button
                                    className="link"
                                    onClick={() => narrow({ payerId: p.payerId, state })}
                                    aria-label={`${count} of payer ${p.payerId} in ${state}`}
                                  >
                                    {state}
                                  </button>{' '}
                                  {count}
                                </li>
                              ))}
                          </ul>
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              )}
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
                          <button className="link" onClick={() => narrow({ error: f.error, status: undefined })}>
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
