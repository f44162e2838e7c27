/** One execution: its graph coloured by its history, the event table with filters, masked data revealed with a reason, related executions. */
import { useCallback, useEffect, useMemo, useState, type FormEvent } from 'react';
import { call, type ExecutionRow, type GraphData, type HistoryRow } from './api.ts';
import { columnsOf, DataTable } from './DataTable.tsx';
import { Legend, WorkflowGraph, type StateMark } from './Graph.tsx';
import { relative, utc } from './format.ts';
import { useLive } from './live.ts';

interface Detail {
  now: number;
  execution: ExecutionRow & { indexed?: ExecutionRow };
  events: HistoryRow[];
  nextPage?: string;
}

interface Timeline {
  executions: { executionArn: string; name: string; status: string; claimId?: string; startedAt?: string }[];
}

const column = columnsOf<HistoryRow>();

/** The event table's columns; times count from the application's `now`. */
function eventColumns(now: number) {
  return [
    column.accessor('id', { header: '#' }),
    column.accessor('type', { header: 'Type' }),
    column.accessor((x) => x.state ?? '', { id: 'state', header: 'State' }),
    column.accessor((x) => (x.error ? `${x.error}${x.cause ? `: ${x.cause.slice(0, 200)}` : ''}` : (x.resource ?? '')), {
      id: 'detail',
      header: 'Detail',
    }),
    column.accessor('at', { header: 'Time', cell: (c) => <span title={utc(c.getValue())}>{relative(c.getValue(), now)}</span> }),
  ];
}

/** What each state went through, from the events. */
export function marksOf(events: readonly HistoryRow[], status: string): Record<string, StateMark> {
  const marks: Record<string, StateMark> = {};
  let last: string | undefined;
  for (const e of events) {
    if (e.type.endsWith('StateEntered') && e.state) {
      marks[e.state] = 'visited';
      last = e.state;
    }
    if (e.type.endsWith('StateExited') && e.state) marks[e.state] = 'succeeded';
    if ((e.type.endsWith('Failed') || e.type.endsWith('TimedOut')) && last) marks[last] = 'failed';
  }
  if (last && status === 'RUNNING') marks[last] = 'current';
  return marks;
}

export function ExecutionPage({ executionArn, onOpen, live }: { executionArn: string; onOpen: (arn: string) => void; live: boolean }) {
  const [detail, setDetail] = useState<Detail>();
  const [graph, setGraph] = useState<GraphData>();
  const [failedOnly, setFailedOnly] = useState(false);
  const [stateFilter, setStateFilter] = useState('');
  const [reason, setReason] = useState('');
  const [revealed, setRevealed] = useState<{ input: string | null; output: string | null }>();
  const [timeline, setTimeline] = useState<Timeline>();
  const [error, setError] = useState<string>();

  const load = useCallback(
    (background = false) =>
      call<Detail>('GET', `/api/executions/${encodeURIComponent(executionArn)}`, undefined, background)
        .then(setDetail)
        .catch((e: Error) => setError(e.message)),
    [executionArn],
  );
  useEffect(() => void load(), [load]);
  useLive(live && detail?.execution.status === 'RUNNING', () => load(true));
  const workflow = detail?.execution.workflow;
  useEffect(() => {
    if (workflow) void call<GraphData>('GET', `/api/workflows/${encodeURIComponent(workflow)}/graph`).then(setGraph);
  }, [workflow]);

  const loadMore = async () => {
    if (!detail?.nextPage) return;
    const more = await call<Detail>(
      'GET',
      `/api/executions/${encodeURIComponent(executionArn)}?page=${encodeURIComponent(detail.nextPage)}`,
    );
    setDetail({
      ...detail,
      events: [...detail.events, ...more.events],
      ...(more.nextPage ? { nextPage: more.nextPage } : { nextPage: undefined }),
    });
  };
  const reveal = async (event: FormEvent) => {
    event.preventDefault();
    setRevealed(await call('POST', `/api/executions/${encodeURIComponent(executionArn)}/reveal`, { reason }));
  };
  const related = async () => {
    const claimId = detail?.execution.indexed?.claimId ?? /^life-(.+)$/.exec(detail?.execution.name ?? '')?.[1];
    if (claimId) setTimeline(await call<Timeline>('POST', '/api/claims/timeline', { claimId }));
  };

  const marks = useMemo(() => (detail ? marksOf(detail.events, detail.execution.status) : {}), [detail]);
  const now = detail?.now ?? 0;
  const columns = useMemo(() => eventColumns(now), [now]);
  if (error) return <p role="alert">{error}</p>;
  if (!detail) return <p role="status">Loading the execution…</p>;
  const e = detail.execution;
  const states = [...new Set(detail.events.flatMap((x) => (x.state ? [x.state] : [])))];
  const events = detail.events.filter(
    (x) =>
      (!failedOnly || x.type.endsWith('Failed') || x.type.endsWith('TimedOut') || x.type.endsWith('Aborted')) &&
      (!stateFilter || x.state === stateFilter || (x.state === undefined && stateFilter === '')),
  );
  const current = Object.entries(marks).find(([, m]) => m === 'current')?.[0] ?? e.indexed?.currentState;

  return (
    <section aria-labelledby="execution-heading">
      <h1 id="execution-heading">Execution {e.name}</h1>
      <dl className="facts">
        <dt>Workflow</dt>
        <dd>{e.workflow}</dd>
        <dt>Status</dt>
        <dd>
          <span className={`status status-${e.status}`} data-testid="execution-status">
            {e.status}
          </span>
        </dd>
        <dt>Current state</dt>
        <dd data-testid="current-state">{current ?? '—'}</dd>
        <dt>Started</dt>
        <dd>{e.startedAt ? `${relative(e.startedAt, detail.now)} (${utc(e.startedAt)})` : '—'}</dd>
        {e.stoppedAt && (
          <>
            <dt>Stopped</dt>
            <dd>{`${relative(e.stoppedAt, detail.now)} (${utc(e.stoppedAt)})`}</dd>
          </>
        )}
        {e.error && (
          <>
            <dt>Error</dt>
            <dd>
              {e.error}
              {e.cause ? `: ${e.cause}` : ''}
            </dd>
          </>
        )}
      </dl>
      <button type="button" onClick={() => void load()}>
        Refresh
      </button>

      <section aria-labelledby="data-heading">
        <h2 id="data-heading">Input and output</h2>
        {revealed ? (
          <div className="revealed">
            <h3>Input</h3>
            <pre>{revealed.input ?? '(none)'}</pre>
            <h3>Output</h3>
            <pre>{revealed.output ?? '(none yet)'}</pre>
            <button type="button" onClick={() => setRevealed(undefined)}>
              Mask again
            </button>
          </div>
        ) : (
          <form onSubmit={reveal} aria-label="Reveal input and output">
            <p className="masked" aria-label="masked">
              Input ●●●●●●●● · Output ●●●●●●●● (may hold PHI: masked)
            </p>
            <label>
              Reason to reveal (recorded)
              <input value={reason} onChange={(x) => setReason(x.target.value)} required minLength={3} maxLength={500} />
            </label>
            <button type="submit">Reveal</button>
          </form>
        )}
      </section>

      {graph && (
        <section aria-labelledby="graph-heading">
          <h2 id="graph-heading">State machine</h2>
          <Legend />
          <WorkflowGraph graph={graph} marks={marks} label={`${e.workflow} state machine coloured by this execution's history`} />
        </section>
      )}

      <section aria-labelledby="related-heading">
        <h2 id="related-heading">Related executions</h2>
        {timeline ? (
          <ul>
            {timeline.executions.map((x) => (
              <li key={x.executionArn}>
                {x.executionArn === executionArn ? (
                  <strong>{x.name} (this one)</strong>
                ) : (
                  <button className="link" onClick={() => onOpen(x.executionArn)}>
                    {x.name}
                  </button>
                )}{' '}
                {x.status}
              </li>
            ))}
          </ul>
        ) : (
          <button type="button" onClick={() => void related()}>
            Show the claim's related executions (recorded read)
          </button>
        )}
      </section>

      <section aria-labelledby="events-heading">
        <h2 id="events-heading">Events</h2>
        <div className="filters">
          <label>
            <input type="checkbox" checked={failedOnly} onChange={(x) => setFailedOnly(x.target.checked)} /> Failed only
          </label>
          <label>
            State
            <select value={stateFilter} onChange={(x) => setStateFilter(x.target.value)}>
              <option value="">all</option>
              {states.map((s) => (
                <option key={s}>{s}</option>
              ))}
            </select>
          </label>
        </div>
        <DataTable
          rows={events}
          columns={columns}
          rowId={(x) => String(x.id)}
          caption="The execution's events, oldest first"
          compact
          rowClass={(x) => (x.error ? 'failed' : undefined)}
        />
        {detail.nextPage && (
          <button type="button" onClick={() => void loadMore()}>
            Load more events
          </button>
        )}
      </section>
    </section>
  );
}
