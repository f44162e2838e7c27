import { Command } from 'commander';
import { packageVersion } from '#infra/local/paths.ts';
import { registerConsoleCommand } from './commands/console.ts';
import { registerDemoCommand } from './commands/demo.ts';
import { registerExecutionCommands } from './commands/executions.ts';
import { registerLoadCommand } from './commands/load-command.ts';
import { registerLocalCommands } from './commands/local.ts';
import { registerQueueCommands } from './commands/queue.ts';
import { registerReportCommand } from './commands/report.ts';
import { registerSandboxCommands } from './commands/sandbox.ts';
import { registerX12Commands } from './commands/x12.ts';

/**
 * `rcm`: the patient-accounts tool for ops engineers and developers. Human output by default,
 * `--json` for scripts, non-zero exit status on failure. Built here, run by rcm.ts; the README's doc
 * test reads its commands and options.
 *
 * Building the tree loads only commander, the command modules and what their declarations need: each
 * action imports its heavy modules (the AWS SDK, the local stack, the console, the sandbox payer, the
 * reports) when it runs, so `rcm --help` and `rcm x12 validate` stay small (test/cli/lazy-loading.test.ts).
 */
export function rcmProgram(): Command {
  const program = new Command()
    .name('rcm')
    .description('Patient accounts automation: local stack, demo, workflow executions, X12 files')
    // Which Node runs rcm matters to ops (it needs 22; bin/rcm.js moves an older one onto the project's).
    .version(`rcm ${packageVersion()} (Node ${process.versions.node})`)
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
