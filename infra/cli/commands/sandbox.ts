import type { Command } from 'commander';

/** `rcm sandbox files`: realistic payer files (999, 277CA, 277, 835) from a generated batch of claims. */
export function registerSandboxCommands(program: Command): void {
  const sandbox = program.command('sandbox').description('The sandbox payer: files as a real payer would send them');
  sandbox
    .command('files')
    .description('Run generated claims through the sandbox payer and write every file it sends back into a directory')
    .option('--claims <n>', 'how many claims to generate', '20')
    .option('--seed <n>', 'random seed (same seed, same files)', '1')
    .option('--start <date>', 'submission date YYYY-MM-DD')
    .requiredOption('--out <dir>', 'directory to write the files into')
    .option('--json', 'print the written paths as JSON')
    .action(async (options: { claims: string; seed: string; start?: string; out: string; json?: boolean }) => {
      const claims = Number(options.claims);
      if (!Number.isInteger(claims) || claims < 1) throw new Error('--claims must be a positive whole number');
      const { writeSandboxFiles } = await import('#functions/payers/sandbox/files.ts');
      const paths = await writeSandboxFiles(options.out, {
        claims,
        seed: Number(options.seed),
        ...(options.start ? { start: options.start } : {}),
      });
      if (options.json) console.log(JSON.stringify({ files: paths }));
      else console.log(`Wrote ${paths.length} files for ${claims} claims into ${options.out}:\n${paths.map((p) => `  ${p}`).join('\n')}`);
    });
}
