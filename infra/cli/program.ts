import { readFileSync } from 'node:fs';
import { Command } from 'commander';
import { repoRoot } from '#infra/local/stack.ts';
import { registerConsoleCommand } from './commands/console.ts';
import { registerDemoCommand } from './commands/demo.ts';
import { registerExecutionCommands } from './commands/executions.ts';
import { registerLoadCommand } from './commands/load.ts';
import { registerLocalCommands } from './commands/local.ts';
import { registerQueueCommands } from './commands/queue.ts';
import { registerReportCommand } from './commands/report.ts';
import { registerSandboxCommands } from './commands/sandbox.ts';
import { registerX12Commands } from './commands/x12.ts';

/**
 * `rcm`: the patient-accounts tool for ops engineers and developers. Human output by default,
 * `--json` for scripts, non-zero exit status on failure. Built here, run by rcm.ts; the README's doc
 * test reads its commands and options.
 */
export function rcmProgram(): Command {
  const program = new Command()
    .name('rcm')
    .description('Patient accounts automation: local stack, demo, workflow executions, X12 files')
    // Which Node runs rcm matters to ops (it needs 22; bin/rcm.js moves an older one onto the project's).
    .version(
      `rcm ${(JSON.parse(readFileSync(`${repoRoot}/package.json`, 'utf8')) as { version: string }).version} (Node ${process.versions.node})`,
    )
    .showHelpAfterError();

  registerLocalCommands(program);
  registerDemoCommand(program);
  registerLoadCommand(program);
  registerExecutionCommands(program);
  registerQueueCommands(program);
  registerReportCommand(program);
  registerSandboxCommands(program);
  registerConsoleCommand(program);

  registerX12Commands(program);
  return program;
}
