/** Work queues by deadline and dollars: decide one item (with a reason) or many at once after a preview count. */
import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { call, type WorkItem } from './api.ts';
import { columnsOf, DataTable } from './DataTable.tsx';
import { dollars } from './format.ts';
import { useLive } from './live.ts';

export const QUEUES = [
  ['denials', 'Denials'],
  ['appeals', 'Appeals awaiting approval'],
  ['holds', 'Holds'],
  ['rejections', 'Rejections'],
  ['unmatched-remittances', 'Unmatched remittance lines'],
  ['quarantined-files', 'Quarantined files'],
  ['failed-postings', 'Failed postings'],
] as const;

const column = columnsOf<WorkItem>();

/** The queue table's columns; `open` is the decision form shown under one item's buttons. */
function itemColumns(
  open: { id: string; action: string } | undefined,
  setOpen: (open: { id: string; action: string }) => void,
  onOpenClaim: (claimId: string) => void,
  done: (message: string) => void,
) {
  return [
    // Items without a deadline sort after those with one.
    column.accessor((i) => i.deadline ?? '9999-12-31', { id: 'deadline', header: 'Act by', cell: (c) => c.row.original.deadline ?? '—' }),
    column.accessor('amountCents', { header: 'Amount', cell: (c) => dollars(c.getValue()), meta: { className: 'money' } }),
    column.accessor((i) => i.claimId ?? '', {
      id: 'claim',
      header: 'Claim',
      cell: (c) =>
        c.getValue() ? (
          <button className="link" onClick={() => onOpenClaim(c.getValue())}>
            {c.getValue()}
          </button>
        ) : (
          '—'
        ),
    }),
    column.accessor('kind', { header: 'Kind' }),
    column.accessor('summary', { header: 'Summary' }),
    column.display({
      id: 'decide',
      header: 'Decide',
      cell: (c) => {
        const i = c.row.original;
        return (
          <>
            {i.actions.map((a) => (
              <button
                key={a}
                type="button"
                onClick={() => setOpen({ id: i.workItemId, action: a })}
                aria-label={`${a} ${i.claimId ?? i.workItemId}`}
              >
                {a}
              </button>
            ))}
            {open?.id === i.workItemId && <Decision item={i} action={open.action} onDone={done} />}
          </>
        );
      },
    }),
  ];
}

function Decision({ item, action, onDone }: { item: WorkItem; action: string; onDone: (message: string) => void }) {
  const [reason, setReason] = useState('');
  const [evidence, setEvidence] = useState('');
  const [error, setError] = useState<string>();
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    try {
      const payload =
        action === 'edit' && evidence
          ? {
              evidence: evidence
                .split(',')
                .map((s) => s.trim())
                .filter(Boolean),
            }
          : undefined;
      await call('POST', `/api/work-items/${encodeURIComponent(item.workItemId)}/resolve`, {
        action,
        reason,
        ...(payload ? { payload } : {}),
      });
      onDone(`${action} recorded for ${item.claimId ?? item.workItemId}`);
    } catch (e) {
      setError((e as Error).message);
    }
  };
  return (
    <form className="decision" onSubmit={submit} aria-label={`${action} ${item.claimId ?? item.workItemId}`}>
      {action === 'edit' && (
        <label>
          Evidence kinds (comma separated)
          <input value={evidence} onChange={(e) => setEvidence(e.target.value)} />
        </label>
      )}
      <label>
        Reason (required, recorded)
        <input value={reason} onChange={(e) => setReason(e.target.value)} required minLength={3} maxLength={500} />
      </label>
      <button type="submit">Confirm {action}</button>
      {error && <p role="alert">{error}</p>}
    </form>
  );
}

function Bulk({ queue, actions, onDone }: { queue: string; actions: string[]; onDone: (message: string) => void }) {
  const [action, setAction] = useState(actions[0] ?? '');
  const [kind, setKind] = useState('');
  const [preview, setPreview] = useState<{ count: number; amountCents: number }>();
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string>();
  const filter = kind ? { kind } : {};
  const run = async (event: FormEvent) => {
    event.preventDefault();
    try {
      if (!preview) {
        setPreview(await call('POST', `/api/queues/${queue}/bulk-preview`, { filter, action }));
        return;
      }
      const done = await call<{ decided: number }>('POST', `/api/queues/${queue}/bulk`, {
        filter,
        action,
        reason,
        expectedCount: preview.count,
      });
      setPreview(undefined);
      onDone(`${action}: ${done.decided} items decided`);
    } catch (e) {
      setError((e as Error).message);
      setPreview(undefined);
    }
  };
  if (actions.length === 0) return null;
  return (
    <form className="bulk" onSubmit={run} aria-label="Decide many items at once">
      <label htmlFor="bulk-action">Bulk action</label>
      <select
        id="bulk-action"
        value={action}
        onChange={(e) => {
          setAction(e.target.value);
          setPreview(undefined);
        }}
      >
        {actions.map((a) => (
          <option key={a}>{a}</option>
        ))}
      </select>
      <label htmlFor="bulk-kind">Only kind</label>
      <input
        id="bulk-kind"
        value={kind}
        onChange={(e) => {
          setKind(e.target.value);
          setPreview(undefined);
        }}
      />
      {preview && (
        <>
          <p role="status">
            This will {action} {preview.count} items worth {dollars(preview.amountCents)}.
          </p>
          <label>
            Reason (required, recorded)
            <input value={reason} onChange={(e) => setReason(e.target.value)} required minLength={3} maxLength={500} />
          </label>
        </>
      )}
      <button type="submit" disabled={preview?.count === 0}>
        {preview ? `Decide ${preview.count} items` : 'Preview'}
      </button>
      {error && <p role="alert">{error}</p>}
    </form>
  );
}

export function QueuesPage({ live, onOpenClaim }: { live: boolean; onOpenClaim: (claimId: string) => void }) {
  const [queue, setQueue] = useState<string>('appeals');
  const [items, setItems] = useState<WorkItem[]>();
  const [open, setOpen] = useState<{ id: string; action: string }>();
  const [message, setMessage] = useState<string>();
  const load = useCallback(
    (background = false) =>
      call<{ items: WorkItem[] }>('GET', `/api/queues/${queue}`, undefined, background).then((r) => setItems(r.items)),
    [queue],
  );
  useEffect(() => void load(), [load]);
  useLive(live, () => load(true));
  const done = (text: string) => {
    setOpen(undefined);
    setMessage(text);
    void load();
  };
  // Rebuilt each render: the decide column shows the open decision form.
  const columns = itemColumns(open, setOpen, onOpenClaim, done);
  const actions = [...new Set((items ?? []).flatMap((i) => i.actions))];
  const title = QUEUES.find(([q]) => q === queue)?.[1] ?? queue;

  return (
    <section aria-labelledby="queues-heading">
      <h1 id="queues-heading">Work queues</h1>
      <nav aria-label="Queues" className="tabs">
        {QUEUES.map(([q, label]) => (
          <button
            key={q}
            type="button"
            aria-pressed={q === queue}
            onClick={() => {
              setQueue(q);
              setOpen(undefined);
              setMessage(undefined);
            }}
          >
            {label}
          </button>
        ))}
      </nav>
      <h2>{title}</h2>
      {message && <p role="status">{message}</p>}
      <Bulk key={`${queue}:${actions.join()}`} queue={queue} actions={actions} onDone={done} />
      {items && items.length === 0 && <p>No open items.</p>}
      {items && items.length > 0 && (
        <DataTable rows={items} columns={columns} rowId={(i) => i.workItemId} caption={`${title}, by deadline then amount`} />
      )}
    </section>
  );
}
