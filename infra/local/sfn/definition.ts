import aslValidator from 'asl-validator';
import { aslPasses } from './asl-check-cache.ts';
import { LOCAL_MAP_RESOURCE, LOCAL_WAIT_RESOURCE, unsupportedReason } from './resources.ts';

/** A state as it appears in ASL; only the fields the bridge reads are typed. */
export type StateDefinition = Record<string, unknown> & { Type: string };
export interface MachineDefinition {
  StartAt: string;
  States: Record<string, StateDefinition>;
  TimeoutSeconds?: number;
  QueryLanguage?: string;
  Comment?: string;
}

/** A workflow file the local stack will not run, with the file, state and reason. */
export class InvalidDefinitionError extends Error {
  readonly file: string;
  readonly problems: readonly string[];
  constructor(file: string, problems: readonly string[]) {
    super(`${file} is not a valid state machine:\n  - ${problems.join('\n  - ')}`);
    this.file = file;
    this.problems = problems;
    this.name = 'InvalidDefinitionError';
  }
}

/** Delay Task states get in the engine's copy: large, yet below Node's 24.8-day timer limit. */
const ENGINE_TASK_TIMEOUT_SECONDS = 2_000_000;

export interface TaskPlan {
  readonly kind: 'task' | 'wait' | 'distributedMap';
  /** The state exactly as the workflow file declares it. */
  readonly state: StateDefinition;
  /** For a distributed map: the engine definition of its item processor. */
  readonly processor?: PreparedDefinition;
}

/** A workflow prepared for aws-local-stepfunctions, plus what the bridge needs to run it. */
export interface PreparedDefinition {
  readonly engineDefinition: MachineDefinition;
  /** Every Task, Wait and distributed Map state, by name, handled by the bridge. */
  readonly tasks: ReadonlyMap<string, TaskPlan>;
  /** Declared type of every state (the engine sees bridged states as Tasks). */
  readonly stateTypes: ReadonlyMap<string, string>;
  /** Map and Parallel states whose own Retry the engine runs; their delays are zeroed. */
  readonly engineRetried: readonly string[];
  readonly timeoutSeconds?: number;
}

/** Parses a workflow file's text (after substitution), naming the file in any error. */
export function parseDefinition(text: string, file: string): MachineDefinition {
  try {
    return JSON.parse(text) as MachineDefinition;
  } catch (error) {
    throw new InvalidDefinitionError(file, [`not JSON: ${(error as Error).message}`]);
  }
}

/** Validates a definition with asl-validator and checks that the local stack can run every state. */
export function validateDefinition(definition: MachineDefinition, file: string): void {
  const problems: string[] = [];
  const options = { checkArn: true, checkPaths: true };
  if (!aslPasses.known(definition, options)) {
    // asl-validator writes default QueryLanguage fields into what it checks: it gets a copy.
    const result = aslValidator(structuredClone(definition) as never, options);
    if (result.isValid) aslPasses.remember(definition, options);
    for (const error of result.isValid ? [] : result.errors) {
      const detail = error as { 'Error code'?: string; Message?: string; instancePath?: string; message?: string };
      problems.push(detail.Message ?? `${detail.instancePath ?? ''} ${detail.message ?? JSON.stringify(error)}`.trim());
    }
  }
  if (definition.QueryLanguage === 'JSONata') problems.push('QueryLanguage JSONata is not supported locally; use JSONPath');
  forEachState(definition, (name, state) => {
    if (state.QueryLanguage === 'JSONata') problems.push(`state "${name}": QueryLanguage JSONata is not supported locally; use JSONPath`);
    if (state.Type === 'Task') {
      if (typeof state.Resource !== 'string') {
        problems.push(`state "${name}": Resource must be a string`);
      } else {
        const reason = unsupportedReason(state.Resource);
        if (reason) problems.push(`state "${name}": ${reason}`);
      }
    }
    if (state.Type === 'Map' && state.ItemReader) {
      const reader = state.ItemReader as { Resource?: string };
      if (reader.Resource !== 'arn:aws:states:::s3:getObject' && reader.Resource !== 'arn:aws:states:::s3:listObjectsV2') {
        problems.push(`state "${name}": ItemReader resource ${reader.Resource} is not supported locally`);
      }
    }
  });
  if (problems.length > 0) throw new InvalidDefinitionError(file, problems);
}

function nestedDefinitions(state: StateDefinition): MachineDefinition[] {
  const nested: MachineDefinition[] = [];
  if (state.Type === 'Parallel') nested.push(...((state.Branches as MachineDefinition[] | undefined) ?? []));
  if (state.Type === 'Map') {
    const processor = (state.ItemProcessor ?? state.Iterator) as MachineDefinition | undefined;
    if (processor) nested.push(processor);
  }
  return nested;
}

function forEachState(definition: MachineDefinition, visit: (name: string, state: StateDefinition) => void): void {
  for (const [name, state] of Object.entries(definition.States ?? {})) {
    visit(name, state);
    for (const nested of nestedDefinitions(state)) forEachState(nested, visit);
  }
}

function isDistributedMap(state: StateDefinition): boolean {
  const processor = (state.ItemProcessor ?? {}) as { ProcessorConfig?: { Mode?: string } };
  return Boolean(state.ItemReader) || processor.ProcessorConfig?.Mode === 'DISTRIBUTED';
}

function pick(state: StateDefinition, keys: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of keys) if (key in state) out[key] = state[key];
  return out;
}

/** Where a Task's `TimeoutSecondsPath`/`HeartbeatSecondsPath` values travel from the raw input to the bridge. */
export const BRIDGE_SECONDS_KEY = '__localBridgeSeconds';

/**
 * Rewrites a definition for the engine: Task timeouts, heartbeats and retries move to the bridge
 * (which measures them on the stack's clock); Wait states and distributed Maps become Tasks the
 * bridge runs; Map and Parallel states keep their shape with their nested states rewritten.
 */
export function prepareDefinition(definition: MachineDefinition): PreparedDefinition {
  const tasks = new Map<string, TaskPlan>();
  const stateTypes = new Map<string, string>();
  const engineRetried: string[] = [];

  const rewrite = (machine: MachineDefinition): MachineDefinition => {
    const states: Record<string, StateDefinition> = {};
    for (const [name, state] of Object.entries(machine.States)) {
      stateTypes.set(name, state.Type);
      const flow = pick(state, ['Next', 'End', 'Comment', 'InputPath', 'OutputPath']);
      if (state.Type === 'Task') {
        const copy: StateDefinition = { ...state, TimeoutSeconds: ENGINE_TASK_TIMEOUT_SECONDS };
        for (const key of ['Retry', 'TimeoutSecondsPath', 'HeartbeatSeconds', 'HeartbeatSecondsPath', 'Credentials']) delete copy[key];
        // The engine hands a Task only its effective input (after Parameters); AWS reads the ...SecondsPath
        // fields from the state's raw input, so their values ride along in the Parameters under a bridge key.
        const carried = pick(state, ['TimeoutSecondsPath', 'HeartbeatSecondsPath']);
        if (Object.keys(carried).length > 0 && state.Parameters && typeof state.Parameters === 'object') {
          copy.Parameters = {
            ...(state.Parameters as Record<string, unknown>),
            [BRIDGE_SECONDS_KEY]: Object.fromEntries(Object.entries(carried).map(([key, path]) => [`${key}.$`, path])),
          };
        }
        states[name] = copy;
        tasks.set(name, { kind: 'task', state });
      } else if (state.Type === 'Wait') {
        states[name] = { Type: 'Task', Resource: LOCAL_WAIT_RESOURCE, TimeoutSeconds: ENGINE_TASK_TIMEOUT_SECONDS, ...flow };
        tasks.set(name, { kind: 'wait', state });
      } else if (state.Type === 'Map' && isDistributedMap(state)) {
        const processor = prepareDefinition((state.ItemProcessor ?? state.Iterator) as MachineDefinition);
        for (const [innerName, type] of processor.stateTypes) stateTypes.set(innerName, type);
        const parameters: Record<string, unknown> = { 'input.$': '$' };
        const reader = state.ItemReader as { Parameters?: unknown } | undefined;
        if (reader) parameters.readerParameters = reader.Parameters ?? {};
        else parameters['items.$'] = (state.ItemsPath as string | undefined) ?? '$';
        if (typeof state.MaxConcurrencyPath === 'string') parameters['maxConcurrency.$'] = state.MaxConcurrencyPath;
        states[name] = {
          Type: 'Task',
          Resource: LOCAL_MAP_RESOURCE,
          TimeoutSeconds: ENGINE_TASK_TIMEOUT_SECONDS,
          Parameters: parameters,
          ...flow,
          ...pick(state, ['ResultSelector', 'ResultPath', 'Catch']),
        };
        tasks.set(name, { kind: 'distributedMap', state, processor });
      } else if (state.Type === 'Map') {
        const copy: StateDefinition = { ...state };
        if (copy.ItemProcessor)
          copy.ItemProcessor = { ...(copy.ItemProcessor as object), ...rewrite(copy.ItemProcessor as MachineDefinition) };
        if (copy.Iterator) copy.Iterator = rewrite(copy.Iterator as MachineDefinition);
        if (copy.Retry) engineRetried.push(name);
        states[name] = copy;
      } else if (state.Type === 'Parallel') {
        const copy: StateDefinition = { ...state, Branches: (state.Branches as MachineDefinition[]).map(rewrite) };
        if (copy.Retry) engineRetried.push(name);
        states[name] = copy;
      } else {
        states[name] = state;
      }
    }
    const { TimeoutSeconds: _timeout, ...rest } = machine;
    return { ...rest, States: states };
  };

  const engineDefinition = rewrite(definition);
  return {
    engineDefinition,
    tasks,
    stateTypes,
    engineRetried,
    ...(definition.TimeoutSeconds !== undefined ? { timeoutSeconds: definition.TimeoutSeconds } : {}),
  };
}

/** Parses and validates a workflow file's text; an invalid file throws naming the file, the state and the reason. */
export function checkedDefinition(text: string, file: string): MachineDefinition {
  const definition = parseDefinition(text, file);
  validateDefinition(definition, file);
  return definition;
}
