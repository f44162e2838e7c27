/**
 * Open work queues on the as-of date: per queue, the items a person still has to decide (raised on
 * or before the date, not resolved by it), the cents at stake, how many are past their deadline and
 * the oldest one's age in days. An operational measure, not an HFMA MAP Key.
 */
import { workQueue, type WorkQueue } from '#schemas/work-item.ts';
import { daysBetween, onOrBefore, type ReportBook } from './book.ts';

export interface QueueRow {
  readonly queue: WorkQueue | 'total';
  readonly openItems: number;
  readonly amountCents: number;
  readonly overdueItems: number;
  /** Days since the oldest open item was raised; 0 when the queue is empty. */
  readonly oldestAgeDays: number;
}

export interface WorkQueueReport {
  readonly queues: readonly QueueRow[];
  readonly total: QueueRow;
}

/** Every queue (empty ones too, so a clear queue shows as zero) with its open items. */
export function workQueueReport(book: ReportBook): WorkQueueReport {
  const open = book.workItems.filter(
    (w) => onOrBefore(w.createdAt, book.asOf) && !(w.resolution && onOrBefore(w.resolution.decidedAt, book.asOf)),
  );
  const rowOf = (queue: QueueRow['queue'], items: typeof open): QueueRow => ({
    queue,
    openItems: items.length,
    amountCents: items.reduce((s, w) => s + w.amountCents, 0),
    overdueItems: items.filter((w) => w.deadline !== undefined && w.deadline < book.asOf).length,
    oldestAgeDays: items.reduce((oldest, w) => Math.max(oldest, daysBetween(w.createdAt, book.asOf)), 0),
  });
  return {
    queues: workQueue.options.map((q) =>
      rowOf(
        q,
        open.filter((w) => w.queue === q),
      ),
    ),
    total: rowOf('total', open),
  };
}
