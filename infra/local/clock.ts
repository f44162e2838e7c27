/** Largest delay Node's setTimeout honours; anything above it fires at once. */
export const MAX_TIMER_DELAY_MS = 2 ** 31 - 1;

/** Time as the local stack sees it. */
export interface Clock {
  now(): number;
  /** Resolves after `ms` of this clock's time; rejects with the signal's reason when aborted. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

interface Timer {
  readonly due: number;
  readonly seq: number;
  readonly resolve: () => void;
}

export interface SimulatedClockOptions {
  /** Start time (epoch ms); defaults to the real time. */
  readonly start?: number;
  /**
   * When true the clock also moves with real time (for `rcm local`), so short waits pass by
   * themselves; when false (tests) time stands still until advanced.
   */
  readonly followRealTime?: boolean;
}

/**
 * A clock whose time can be moved forward on demand, so that a claim's 60 days pass in
 * milliseconds. Timers are kept in a list ordered by due time and fired in order as time
 * advances; real timers (when following real time) are armed only for the earliest one and
 * never with a delay above {@link MAX_TIMER_DELAY_MS}.
 */
export class SimulatedClock implements Clock {
  private offset: number;
  private readonly frozenBase: number | null;
  private readonly timers: Timer[] = [];
  private seq = 0;
  private realTimer: NodeJS.Timeout | undefined;

  constructor(options: SimulatedClockOptions = {}) {
    const start = options.start ?? Date.now();
    if (options.followRealTime) {
      this.frozenBase = null;
      this.offset = start - Date.now();
    } else {
      this.frozenBase = start;
      this.offset = 0;
    }
  }

  now(): number {
    return (this.frozenBase ?? Date.now()) + this.offset;
  }

  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) return Promise.reject(signal.reason);
    return new Promise<void>((resolve, reject) => {
      const timer: Timer = {
        due: this.now() + Math.max(0, ms),
        seq: this.seq++,
        resolve: () => {
          signal?.removeEventListener('abort', onAbort);
          resolve();
        },
      };
      const onAbort = () => {
        this.remove(timer);
        reject(signal?.reason);
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.insert(timer);
      if (timer.due <= this.now()) queueMicrotask(() => this.fireDue());
    });
  }

  /** Due time of the earliest pending timer, if any. */
  nextDue(): number | undefined {
    return this.timers[0]?.due;
  }

  pendingTimers(): number {
    return this.timers.length;
  }

  /** Moves time forward to `time` (never backwards) and fires every timer due by then. */
  advanceTo(time: number): void {
    const delta = time - this.now();
    if (delta > 0) this.offset += delta;
    this.fireDue();
  }

  private insert(timer: Timer): void {
    let i = this.timers.length;
    while (i > 0 && this.timers[i - 1]!.due > timer.due) i--;
    this.timers.splice(i, 0, timer);
    this.arm();
  }

  private remove(timer: Timer): void {
    const i = this.timers.indexOf(timer);
    if (i >= 0) this.timers.splice(i, 1);
    this.arm();
  }

  private fireDue(): void {
    const now = this.now();
    while (this.timers.length > 0 && this.timers[0]!.due <= now) this.timers.shift()!.resolve();
    this.arm();
  }

  private arm(): void {
    if (this.frozenBase !== null) return;
    if (this.realTimer) clearTimeout(this.realTimer);
    this.realTimer = undefined;
    const next = this.timers[0];
    if (!next) return;
    const delay = Math.min(Math.max(0, next.due - this.now()), MAX_TIMER_DELAY_MS);
    this.realTimer = setTimeout(() => this.fireDue(), delay);
    this.realTimer.unref();
  }
}

/** Parses durations such as `90s`, `15m`, `36h`, `7d` or plain milliseconds. */
export function parseDuration(text: string): number {
  const match = /^(\d+)(ms|s|m|h|d)?$/.exec(text.trim());
  if (!match) throw new Error(`Not a duration: "${text}" (use e.g. 30s, 15m, 12h, 7d)`);
  const value = Number(match[1]);
  const unit = match[2] ?? 'ms';
  const factor = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 }[unit]!;
  return value * factor;
}
