import { Command } from 'commander';
import { registerDemoCommand } from './commands/demo.ts';
import { registerExecutionCommands } from './commands/executions.ts';
import { registerLocalCommands } from './commands/local.ts';
import { registerQueueCommands } from './commands/queue.ts';
import { registerSandboxCommands } from './commands/sandbox.ts';
import { registerX12Commands } from './commands/x12.ts';

/**
 * `rcm`: the patient-accounts tool for ops engineers and developers. Human output by default,
 * `--json` for scripts, non-zero exit status on failure.
 */
const program = new Command()
  .name('rcm')
  .description('Patient accounts automation: local stack, demo, workflow executions, X12 files')
  .showHelpAfterError();

registerLocalCommands(program);
registerDemoCommand(program);
registerExecutionCommands(program);
registerQueueCommands(program);
registerSandboxCommands(program);

registerX12Commands(program);

try {
  await program.parseAsync(process.argv);
} catch (error) {
  console.error(`rcm: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
}
