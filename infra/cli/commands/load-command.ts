/**
 * `rcm load`, declared: its options and help. The work (load.ts: the book's schemas, the demo's story,
 * the Lambda client) loads only when the command runs.
 */
import type { Command } from 'commander';
import type { LoadCommandOptions } from './load.ts';

/** `rcm load [FILE] [--demo-book] [--stage NAME]`. */
export function registerLoadCommand(program: Command): void {
  program
    .command('load')
    .description(
      'Load a book (providers, payer profiles, patients, encounters) into a stage through its Lambda APIs; idempotent: a rerun changes nothing',
    )
    .argument('[file]', 'the book: a JSON object (schemas/json/book.json) or JSON Lines, one record a line (schemas/json/book-line.json)')
    .option('--demo-book', "load the demo's story book instead of a file")
    .option('--as-of <date>', "with --demo-book: the day the demo's visits are dated from, YYYY-MM-DD (default: today, UTC)")
    .option('--practice <patients>', "with --demo-book: how many patients of the practice's everyday volume to add", '0')
    .option('--stage <name>', 'a deployed stage in AWS (dev, sandbox, prod), called with your AWS credentials; default: the local stack')
    .option('--endpoint <url>', 'the local stack (default: the running rcm local)')
    .option('--as <consumer>', 'the API consumer (alias) to call as', 'billing-office')
    .option('--on-behalf-of <user>', 'the person or job the load is for, in the PHI access audit trail', 'rcm-load')
    .option('--concurrency <n>', 'calls in flight at once', '8')
    .option('--json', 'print the report as JSON')
    .action(async (file: string | undefined, options: LoadCommandOptions) => (await import('./load.ts')).loadCommand(file, options));
}
