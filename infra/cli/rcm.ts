import { existsSync } from 'node:fs';
import { Command } from 'commander';
import { registerDemoCommand } from './commands/demo.ts';
import { registerExecutionCommands } from './commands/executions.ts';
import { registerLocalCommands } from './commands/local.ts';

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

// The X12 commands arrive with the EDI engine.
const x12Commands = new URL('./commands/x12.ts', import.meta.url);
if (existsSync(x12Commands)) {
  const { registerX12Commands } = (await import(x12Commands.href)) as { registerX12Commands: (program: Command) => void };
  registerX12Commands(program);
}

try {
  await program.parseAsync(process.argv);
} catch (error) {
  console.error(`rcm: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
}
