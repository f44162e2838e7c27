/**
 * The console's shell: log on, pages (executions, one execution, work queues), live updates that can
 * be paused, and automatic logoff after inactivity with a warning a minute before (HIPAA
 * §164.312(a)(2)(iii); WCAG 2.2.1 lets the user ask for more time). Nothing is kept in the URL but a
 * saved view's id.
 */
import { useCallback, useEffect, useRef, useState, type FormEvent } from 'react';
import { call, NotLoggedOn, type SearchResult } from './api.ts';
import { signIn, signOut, startAuth, usesCognito } from './auth.ts';
import { ExecutionPage } from './ExecutionPage.tsx';
import { ExecutionsPage } from './ExecutionsPage.tsx';
import { QueuesPage } from './QueuesPage.tsx';

type Page = { name: 'executions' } | { name: 'execution'; arn: string } | { name: 'queues' };

function LogOn({ onLoggedOn, notice }: { onLoggedOn: (user: string, idleMs: number) => void; notice?: string }) {
  const [user, setUser] = useState('');
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    // Deployed, people log on at Cognito (auth.ts); locally with a user id.
    if (usesCognito()) return signIn();
    const session = await call<{ user: string; idleMs: number }>('POST', '/api/session', { user });
    onLoggedOn(session.user, session.idleMs);
  };
  return (
    <main className="logon">
      <h1>Patient accounts ops console</h1>
      {notice && <p role="alert">{notice}</p>}
      <form onSubmit={submit} aria-label="Log on">
        <label>
          User id
          <input value={user} onChange={(e) => setUser(e.target.value)} required pattern="[A-Za-z0-9._@\-]{1,64}" autoComplete="username" />
        </label>
        <button type="submit">Log on</button>
      </form>
    </main>
  );
}

/** Warns a minute before the idle limit and logs off at it; any key, click or scroll counts as activity. */
function useIdleLogoff(idleMs: number | undefined, logOff: () => void): { warning: number | undefined; stay: () => void } {
  const last = useRef(Date.now());
  const [warning, setWarning] = useState<number>();
  useEffect(() => {
    if (!idleMs) return;
    const active = () => {
      last.current = Date.now();
    };
    const events = ['keydown', 'mousedown', 'scroll', 'touchstart'] as const;
    for (const e of events) window.addEventListener(e, active, { passive: true });
    const timer = setInterval(() => {
      const left = idleMs - (Date.now() - last.current);
      if (left <= 0) logOff();
      else setWarning(left <= Math.min(60_000, idleMs / 2) ? Math.ceil(left / 1000) : undefined);
    }, 1000);
    return () => {
      clearInterval(timer);
      for (const e of events) window.removeEventListener(e, active);
    };
  }, [idleMs, logOff]);
  return {
    warning,
    stay: () => {
      last.current = Date.now();
      setWarning(undefined);
      void call('GET', '/api/session');
    },
  };
}

export function App() {
  const [session, setSession] = useState<{ user: string; idleMs: number } | null>();
  const [notice, setNotice] = useState<string>();
  const [page, setPage] = useState<Page>({ name: 'executions' });
  const [live, setLive] = useState(true);
  const viewId = new URLSearchParams(location.search).get('view') ?? undefined;

  useEffect(() => {
    startAuth()
      .then(() => call<{ user: string; idleMs: number }>('GET', '/api/session'))
      .then(setSession, () => setSession(null));
  }, []);
  const logOff = useCallback((why?: string) => {
    void call('DELETE', '/api/session')
      .catch(() => undefined)
      .finally(signOut);
    setSession(null);
    setNotice(why);
    setPage({ name: 'executions' });
  }, []);
  const idleLogOff = useCallback(() => logOff('You were logged off after a period of inactivity.'), [logOff]);
  const { warning, stay } = useIdleLogoff(session?.idleMs, idleLogOff);
  useEffect(() => {
    const onError = (event: PromiseRejectionEvent) => {
      if (event.reason instanceof NotLoggedOn) logOff('Your session ended. Log on again.');
    };
    window.addEventListener('unhandledrejection', onError);
    return () => window.removeEventListener('unhandledrejection', onError);
  }, [logOff]);

  const openClaim = async (claimId: string) => {
    const found = await call<SearchResult>('POST', '/api/executions/search', { query: { text: claimId, workflow: 'ClaimLifecycle' } });
    const first = found.executions[0];
    if (first) setPage({ name: 'execution', arn: first.executionArn });
  };

  if (session === undefined) return <p role="status">Loading…</p>;
  if (session === null)
    return (
      <LogOn
        notice={notice}
        onLoggedOn={(user, idleMs) => {
          setSession({ user, idleMs });
          setNotice(undefined);
        }}
      />
    );
  return (
    <>
      <header className="top">
        <span className="brand">Ops console</span>
        <nav aria-label="Pages">
          <button type="button" aria-current={page.name !== 'queues' ? 'page' : undefined} onClick={() => setPage({ name: 'executions' })}>
            Executions
          </button>
          <button type="button" aria-current={page.name === 'queues' ? 'page' : undefined} onClick={() => setPage({ name: 'queues' })}>
            Work queues
          </button>
        </nav>
        <button type="button" aria-pressed={live} onClick={() => setLive(!live)}>
          {live ? 'Pause live updates' : 'Resume live updates'}
        </button>
        <span className="user">{session.user}</span>
        <button type="button" onClick={() => logOff('You logged off.')}>
          Log off
        </button>
      </header>
      {warning !== undefined && (
        <div role="alertdialog" aria-modal="false" aria-labelledby="idle-title" className="idle-warning">
          <p id="idle-title">You will be logged off in {warning} s for inactivity.</p>
          <button type="button" onClick={stay}>
            Stay logged on
          </button>
        </div>
      )}
      <main>
        {page.name === 'executions' && (
          <ExecutionsPage initialViewId={viewId} live={live} onOpen={(arn) => setPage({ name: 'execution', arn })} />
        )}
        {page.name === 'execution' && (
          <>
            <button type="button" className="link" onClick={() => setPage({ name: 'executions' })}>
              ← All executions
            </button>
            <ExecutionPage key={page.arn} executionArn={page.arn} live={live} onOpen={(arn) => setPage({ name: 'execution', arn })} />
          </>
        )}
        {page.name === 'queues' && <QueuesPage live={live} onOpenClaim={(id) => void openClaim(id)} />}
      </main>
      <footer className="foot">
        Times are relative and in UTC (the local stack's simulated clock when run locally). Input, output and identifiers are masked until
        revealed with a reason.
      </footer>
    </>
  );
}
