import { randomBytes } from 'node:crypto';
import { ApiError } from './errors.ts';

export interface TaskTokenWaiter {
  readonly executionArn: string;
  readonly stateName: string;
  succeed(output: unknown): void;
  fail(error: string, cause: string): void;
  heartbeat(): void;
}

type TokenState = { status: 'minted' } | { status: 'waiting'; waiter: TaskTokenWaiter } | { status: 'closed'; reason: 'done' | 'timedOut' };

/**
 * Task tokens for `.waitForTaskToken` states. A token is minted when a state's Parameters read
 * `$$.Task.Token`, claimed by the waiting task, and closed by SendTaskSuccess/Failure, a
 * timeout or the end of the execution, after which callers get the errors AWS gives.
 */
export class TaskTokens {
  private readonly tokens = new Map<string, TokenState>();

  mint(executionArn: string): string {
    const body = Buffer.from(JSON.stringify({ e: executionArn, n: randomBytes(12).toString('base64url') })).toString('base64url');
    const token = `AQ${body}`;
    this.tokens.set(token, { status: 'minted' });
    return token;
  }

  isMinted(token: string): boolean {
    return this.tokens.get(token)?.status === 'minted';
  }

  claim(token: string, waiter: TaskTokenWaiter): void {
    this.tokens.set(token, { status: 'waiting', waiter });
  }

  close(token: string, reason: 'done' | 'timedOut'): void {
    const state = this.tokens.get(token);
    if (state && state.status !== 'closed') this.tokens.set(token, { status: 'closed', reason });
  }

  /** The waiter for a token, or the AWS error a caller gets for it. */
  waiterFor(token: string): TaskTokenWaiter {
    if (typeof token !== 'string' || token.length === 0 || token.length > 2048) throw new ApiError('InvalidToken', 'Invalid Token');
    const state = this.tokens.get(token);
    if (!state) {
      if (!token.startsWith('AQ')) throw new ApiError('InvalidToken', 'Invalid Token: not a task token');
      throw new ApiError('TaskDoesNotExist', 'Task does not exist anymore');
    }
    if (state.status === 'waiting') return state.waiter;
    if (state.status === 'closed' && state.reason === 'timedOut') throw new ApiError('TaskTimedOut', 'Task Timed Out');
    throw new ApiError('TaskDoesNotExist', 'Task does not exist anymore');
  }

  /** Every pending token of an execution, for listing work waiting on people. */
  waiting(): { token: string; executionArn: string; stateName: string }[] {
    const out: { token: string; executionArn: string; stateName: string }[] = [];
    for (const [token, state] of this.tokens) {
      if (state.status === 'waiting') out.push({ token, executionArn: state.waiter.executionArn, stateName: state.waiter.stateName });
    }
    return out;
  }
}

/** Finds the minted token a task's effective input carries (wherever Parameters put it). */
export function findToken(value: unknown, isToken: (candidate: string) => boolean): string | undefined {
  if (typeof value === 'string') return isToken(value) ? value : undefined;
  if (Array.isArray(value)) {
    for (const item of value) {
      const found = findToken(item, isToken);
      if (found) return found;
    }
  } else if (value !== null && typeof value === 'object') {
    for (const item of Object.values(value)) {
      const found = findToken(item, isToken);
      if (found) return found;
    }
  }
  return undefined;
}
