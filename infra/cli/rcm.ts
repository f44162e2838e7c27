import { rcmProgram } from './program.ts';

const program = rcmProgram();

try {
  await program.parseAsync(process.argv);
} catch (error) {
  console.error(`rcm: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
}
