import { AsyncLocalStorage } from 'node:async_hooks';
import { Logger } from '@aws-lambda-powertools/logger';

const root = new Logger({
  serviceName: 'patient-accounts',
  logLevel: (process.env.LOG_LEVEL as 'INFO' | 'SILENT' | undefined) ?? 'INFO',
});

/** Each invocation's own logger: its Lambda context and appended keys are its alone. */
const invocation = new AsyncLocalStorage<Logger>();

/**
 * The logger. Events are never logged (they carry PHI); log identifiers only: claim id, execution id,
 * file key. Inside an invocation (see {@link withInvocationLogger}) it is that invocation's own child
 * logger, so functions that share a process (the local stack runs them all in one) each log as themselves.
 */
export const logger: Logger = new Proxy(root, {
  get(target, property) {
    const active = invocation.getStore() ?? target;
    const value: unknown = Reflect.get(active, property, active);
    return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(active) : value;
  },
});

/** Runs one invocation with a logger of its own (a child of the root: same service, level and format). */
export function withInvocationLogger<T>(run: () => T): T {
  return invocation.run(root.createChild(), run);
}
