/**
 * The console's own record of what its users did that the application's APIs do not record
 * themselves: revealing an execution's input or output (with the reason), bulk decisions. Entries
 * hold ids, actions and reasons, never the revealed values.
 */
export interface ConsoleAuditEntry {
  readonly at: string;
  readonly user: string;
  readonly action: 'reveal-execution-data' | 'bulk-resolve';
  /** The execution ARN or the queue the action was on. */
  readonly target: string;
  readonly reason: string;
  readonly count?: number;
}

/** Where the entries go: in memory locally (and the log); in AWS a durable, append-only store. */
export interface ConsoleAudit {
  record(entry: ConsoleAuditEntry): Promise<void>;
  list(): Promise<ConsoleAuditEntry[]>;
}

/** The local console's audit, newest first. */
export function memoryConsoleAudit(): ConsoleAudit {
  const entries: ConsoleAuditEntry[] = [];
  return {
    async record(entry) {
      entries.unshift(entry);
    },
    async list() {
      return [...entries];
    },
  };
}
