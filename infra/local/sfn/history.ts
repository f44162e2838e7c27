import type { Clock } from '#infra/local/clock.ts';

/** One history event, in the shape GetExecutionHistory returns (AWS JSON field names). */
export interface HistoryEvent {
  readonly id: number;
  readonly previousEventId: number;
  readonly timestamp: number;
  readonly type: string;
  readonly [details: string]: unknown;
}

/** The `<type>EventDetails` key AWS uses for an event type. */
function detailsKey(type: string): string | null {
  if (type.endsWith('StateEntered')) return 'stateEnteredEventDetails';
  if (type.endsWith('StateExited')) return 'stateExitedEventDetails';
  if (type.startsWith('MapIteration')) return 'mapIteration' + type.slice('MapIteration'.length) + 'EventDetails';
  if (type === 'MapStateStarted') return 'mapStateStartedEventDetails';
  if (type === 'ParallelStateStarted' || type === 'ParallelStateSucceeded' || type === 'ParallelStateFailed') return null;
  return type.charAt(0).toLowerCase() + type.slice(1) + 'EventDetails';
}

/** An execution's event history, appended in order and stamped with the stack's clock. */
export class ExecutionHistory {
  private readonly events: HistoryEvent[] = [];

  private readonly clock: Clock;
  constructor(clock: Clock) {
    this.clock = clock;
  }

  add(type: string, details?: Record<string, unknown>): HistoryEvent {
    const id = this.events.length + 1;
    const key = details ? detailsKey(type) : null;
    const event: HistoryEvent = {
      id,
      previousEventId: id - 1,
      timestamp: this.clock.now(),
      type,
      ...(key && details ? { [key]: details } : {}),
    };
    this.events.push(event);
    return event;
  }

  all(): readonly HistoryEvent[] {
    return this.events;
  }

  get length(): number {
    return this.events.length;
  }
}

/** A JSON value as AWS puts it in history: a string plus a "truncated" flag. */
export function dataField(name: 'input' | 'output', value: unknown): Record<string, unknown> {
  return { [name]: JSON.stringify(value ?? null), [`${name}Details`]: { truncated: false } };
}
