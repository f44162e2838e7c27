/**
 * The README's commands work as written. Every shell command in a fenced block of README.md is either
 * run here, for real (the `rcm` tool without a stack; the AWS CLI against a local stack, with each AWS
 * CLI version this machine has), or listed in {@link RUN_ELSEWHERE} with the test file or CI step that
 * runs it. A command in neither fails, and so does a mapping whose file is gone or no longer runs it.
 */
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ListExecutionsCommand, SFNClient } from '@aws-sdk/client-sfn';
import type { Command } from 'commander';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStore, documentClient } from '#functions/store/index.ts';
import { rcmProgram } from '#infra/cli/program.ts';
import { localCredentials } from '#infra/local/credentials.ts';
import { demoHospital, demoPayer, demoPhysician } from '#infra/local/demo/claims-story.ts';
import { repoRoot } from '#infra/local/paths.ts';
import { startLocalStack, type LocalStack } from '#infra/local/stack.ts';
import { docCommands, fencedBlocks, type DocCommand } from './doc-commands.ts';

const readme = readFileSync(join(repoRoot, 'README.md'), 'utf8');
const commands = docCommands(readme);

/** The README's one json example block that contains `marker`, as a request file. */
function readmeJson(marker: string): string {
  const found = fencedBlocks(readme).filter((b) => b.lang === 'json' && b.body.includes(marker));
  if (found.length !== 1) throw new Error(`expected one json block with ${marker} in README.md, found ${found.length}`);
  return found[0]!.body;
}

/**
 * README commands run by another test or by a CI step, as the README writes them (after `&&` chains are
 * split and comments dropped). `by` is a repository file that must exist and contain `finds`, the words
 * that run the command there; `why` says why it is not run here. Add a row when the README gains a
 * command this file does not run.
 */
export const RUN_ELSEWHERE: Readonly<Record<string, { by: string; finds: string; why?: string }>> = {
  'npx rcm report --out reports-out --as-of 2026-06-30': {
    by: 'test/cli/report.test.ts',
    finds: "'report', '--out'",
    why: 'it reads a running local stack; the test starts one holding a fixed book and runs the command against it',
  },
  'npx rcm load --demo-book --stage sandbox': {
    by: 'test/cli/load.test.ts',
    finds: "'load', '--demo-book'",
    why: 'needs a deployed stage and the billing office’s AWS credentials; the test loads the same book through the same APIs on a local stack',
  },
  'npm ci': { by: '.ci/run', finds: 'npm ci' },
  'npm test': { by: '.ci/run', finds: 'npm test' },
  'npm run demo': {
    by: 'test/cli/demo.test.ts',
    finds: "'bin/rcm.js', 'demo'",
    why: 'the demo takes minutes; the script is `exec node bin/rcm.js demo`, which the demo test runs',
  },
  'npx cdk deploy -c stage=sandbox -c alarmEmail=you@hospital.example': {
    by: 'test/infra/sandbox-stage.test.ts',
    finds: "synth({ stage: 'sandbox' })",
    why: 'needs an AWS account; the test synthesizes the sandbox stage offline, with cdk-nag, as `npm run synth` in .ci/run does for the app',
  },
};

/**
 * Commands this file runs, by pattern. `setup` lines (exports, files written with echo) run with the
 * other commands of their block; a block runs in one shell, in order, so its exports and files carry over.
 */
const RUN_HERE: readonly { readonly runner: 'rcm' | 'aws' | 'setup'; readonly pattern: RegExp }[] = [
  { runner: 'rcm', pattern: /^npx rcm (--version|--help|x12 (example|validate|parse) .+)$/ },
  { runner: 'aws', pattern: /^aws (stepfunctions|lambda|s3|s3api|dynamodb) / },
  { runner: 'setup', pattern: /^export AWS_[A-Z_]+=/ },
  { runner: 'setup', pattern: /^echo '[^']*' > [\w.-]+$/ },
];

const runnerOf = (command: string) => RUN_HERE.find((r) => r.pattern.test(command))?.runner;

/** The commands of each block that this file runs, with the block's runner. */
function blocksRunHere(runner: 'rcm' | 'aws'): DocCommand[][] {
  const byBlock = new Map<number, DocCommand[]>();
  for (const c of commands)
    if (!(c.command in RUN_ELSEWHERE) && runnerOf(c.command)) byBlock.set(c.block, [...(byBlock.get(c.block) ?? []), c]);
  return [...byBlock.values()].filter((block) => block.some((c) => runnerOf(c.command) === runner));
}

interface Ran {
  readonly command: string;
  readonly status: number;
  readonly output: string;
}

/**
 * Runs commands in one bash, in order, each one's status and output recorded (a failure does not stop the
 * rest). Asynchronous: the local stack these commands call is served by this very process.
 */
async function runInShell(lines: readonly string[], options: { cwd: string; env: NodeJS.ProcessEnv }): Promise<Ran[]> {
  const marker = `@@readme-${process.pid}@@`;
  const script = lines.map((line, i) => `${line}\necho "${marker} ${i} $?"`).join('\n');
  const child = spawn('bash', ['-c', `exec 2>&1\n${script}`], { ...options, stdio: ['ignore', 'pipe', 'inherit'] });
  let stdout = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  await new Promise<void>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', () => resolve());
  });
  const results: Ran[] = [];
  let output = '';
  for (const text of stdout.split('\n')) {
    const end = new RegExp(`^(.*)${marker} (\\d+) (\\d+)$`).exec(text);
    if (!end) {
      output += `${text}\n`;
      continue;
    }
    output += end[1]!;
    results.push({ command: lines[Number(end[2])]!, status: Number(end[3]), output: output.trim() });
    output = '';
  }
  if (results.length !== lines.length) throw new Error(`the shell stopped after ${results.length} of ${lines.length} commands: ${stdout}`);
  return results;
}

/**
 * The environment of a reader's shell on a fresh machine: this process's, without the `node_modules/.bin`
 * folders npm puts first on the PATH of its scripts (so `npx` runs on the machine's own node, as it does for
 * a reader), and with an empty npm cache (a first `npx rcm` installs the project into it, and says so if
 * anything is amiss; a warm cache hides that).
 */
function readerEnv(): NodeJS.ProcessEnv {
  const path = (process.env.PATH ?? '')
    .split(':')
    .filter((dir) => !dir.endsWith('/node_modules/.bin'))
    .join(':');
  return { ...process.env, PATH: path, npm_config_cache: scratchDir('npm-cache') };
}

/** A scratch directory inside the checkout (under the ignored .local/), so that `npx rcm` finds the project's bin. */
function scratchDir(name: string): string {
  const parent = join(repoRoot, '.local', 'readme-test');
  mkdirSync(parent, { recursive: true });
  return mkdtempSync(join(parent, `${name}-`));
}

/**
 * What an inline `rcm ...` synopsis of the README names that rcm does not have: each word that is a
 * command must lead to one (alternatives written `a\|b` each), and each `--option` must be an option of
 * the command it ends at. Placeholders (FILE, ID, 7d) are the leaf command's arguments.
 */
function synopsisDrift(span: string, program: Command): string[] {
  const words = span.replace(/^npx /, '').split(/\s+/).slice(1);
  let command = program;
  const problems: string[] = [];
  for (const raw of words) {
    const word = raw.replace(/^\[|\]$/g, '');
    if (word.startsWith('--')) {
      const name = word.split('=')[0]!;
      const known = [...command.options, ...program.options].some((o) => o.long === name) || name === '--help';
      if (!known) problems.push(`${span}: rcm ${command.name()} has no option ${name}`);
      continue;
    }
    if (command.commands.length === 0 || !/^[a-z][a-z0-9-]*(\\\|[a-z][a-z0-9-]*)*$/.test(word)) continue;
    const names = word.split('\\|');
    const found = names.map((n) => command.commands.find((c) => c.name() === n || c.aliases().includes(n)));
    if (found.some((c) => !c)) {
      problems.push(`${span}: rcm ${command === program ? '' : `${command.name()} `}has no command ${word}`);
      break;
    }
    if (names.length > 1) break;
    command = found[0]!;
  }
  return problems;
}

describe('README commands', () => {
  it('names only rcm commands and options that exist, in its inline synopses too', () => {
    const spans = [...readme.matchAll(/`((?:npx )?rcm [^`]+)`/g)].map((m) => m[1]!);
    expect(spans.length).toBeGreaterThan(10);
    const program = rcmProgram();
    expect(spans.flatMap((span) => synopsisDrift(span, program))).toEqual([]);
    // A drifted synopsis is caught: a renamed command or option.
    expect(synopsisDrift('rcm queue lists QUEUE', program)).not.toEqual([]);
    expect(synopsisDrift('rcm executions list --state N', program)).not.toEqual([]);
  });

  it('names only npm scripts that exist, in its inline commands too', () => {
    const scripts = (JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;
    const named = [...readme.matchAll(/`npm run (?:-s )?([a-z][\w:-]*)/g)].map((m) => m[1]!);
    expect(named.length).toBeGreaterThan(5);
    expect(named.filter((script) => !(script in scripts))).toEqual([]);
  });

  it('finds the commands of every shell block', () => {
    expect(commands.map((c) => c.command)).toEqual(expect.arrayContaining(['npm ci', 'npm run demo', 'npm test', 'npx rcm --version']));
  });

  it('gives every fenced block a language, so that no command hides in an unnamed one', () => {
    const unnamed = fencedBlocks(readme).filter((b) => b.lang === '');
    expect(unnamed.map((b) => `README.md:${b.line - 1}`)).toEqual([]);
  });

  it('runs every command here or names the test or CI step that runs it', () => {
    const uncovered = commands.filter((c) => !(c.command in RUN_ELSEWHERE) && !runnerOf(c.command));
    expect(
      uncovered.map((c) => `README.md:${c.line}: ${c.command}`),
      'run these in test/docs/readme-commands.test.ts or map them in RUN_ELSEWHERE',
    ).toEqual([]);
    // Setup lines run only beside a command this file runs.
    const setupAlone = commands.filter(
      (c) =>
        runnerOf(c.command) === 'setup' && !commands.some((o) => o.block === c.block && ['rcm', 'aws'].includes(runnerOf(o.command) ?? '')),
    );
    expect(setupAlone.map((c) => `README.md:${c.line}: ${c.command}`)).toEqual([]);
  });

  it('maps only commands the README still has, to files that still run them', () => {
    const written = new Set(commands.map((c) => c.command));
    const stale = Object.keys(RUN_ELSEWHERE).filter((command) => !written.has(command));
    expect(stale, 'the README no longer has these: remove their rows').toEqual([]);
    const scripts = (JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;
    for (const [command, { by, finds }] of Object.entries(RUN_ELSEWHERE)) {
      const file = join(repoRoot, by);
      expect(existsSync(file), `${command}: ${by} does not exist`).toBe(true);
      expect(readFileSync(file, 'utf8'), `${command}: ${by} no longer runs it`).toContain(finds);
      const script = /^npm (?:run (\S+)|(test))\b/.exec(command);
      if (script) expect(scripts, `${command}: package.json has no such script`).toHaveProperty(script[1] ?? script[2]!);
    }
  });

  it('runs the rcm commands that need no stack, as written', async () => {
    const blocks = blocksRunHere('rcm');
    expect(blocks.length).toBeGreaterThan(0);
    const cwd = scratchDir('rcm');
    try {
      for (const block of blocks) {
        const ran = await runInShell(
          block.map((c) => c.command),
          { cwd, env: readerEnv() },
        );
        expect(ran.filter((r) => r.status !== 0)).toEqual([]);
        // What the README promises each one prints.
        for (const r of ran) {
          if (r.command === 'npx rcm --version') expect(r.output).toMatch(/^rcm \d+\.\d+\.\d+ \(Node 22\.\d+\.\d+\)$/);
          if (r.command.startsWith('npx rcm x12 validate')) expect(r.output).toMatch(/: valid \(conformance profile\)/);
          // No npm warning (EBADENGINE and the like) on the way.
          expect(r.output).not.toMatch(/npm warn/i);
        }
      }
    } finally {
      rmSync(cwd, { recursive: true, force: true });
    }
  }, 120_000);
});

/** Each AWS CLI on this machine, one per major version: the one on the PATH, and Debian's. */
function awsClis(): { path: string; version: string }[] {
  const found = new Map<string, { path: string; version: string }>();
  const onPath = spawnSync('bash', ['-c', 'command -v aws'], { encoding: 'utf8' }).stdout.trim();
  for (const path of [onPath, '/usr/bin/aws', '/usr/local/bin/aws']) {
    if (!path || !existsSync(path)) continue;
    const version = spawnSync(path, ['--version'], { encoding: 'utf8' });
    const major = /aws-cli\/(\d+)\./.exec(`${version.stdout}${version.stderr}`);
    if (version.status === 0 && major && !found.has(major[1]!))
      found.set(major[1]!, { path, version: `${version.stdout}${version.stderr}`.trim() });
  }
  return [...found.values()];
}

const clis = awsClis();
// .ci/run installs the AWS CLI and sets this, so CI never skips these commands; elsewhere they run when a CLI is installed.
const cliRequired = process.env.RCM_README_AWS_CLI === 'required';

describe.skipIf(clis.length === 0 && !cliRequired)('README AWS CLI commands against the local stack', () => {
  let stack: LocalStack;
  let sfn: SFNClient;

  beforeAll(async () => {
    stack = await startLocalStack();
    sfn = new SFNClient({ endpoint: stack.endpoints.stepFunctions, region: stack.region, credentials: localCredentials });
    // The hospital, its physician and the sandbox payer's profile, which the README's requests name.
    const store = createStore(documentClient(stack.dynamodb), stack.tableName);
    for (const provider of [demoHospital, demoPhysician]) await store.reference.putProvider(provider);
    await store.reference.putPayerProfile(demoPayer);
  });
  afterAll(async () => {
    sfn?.destroy();
    await stack?.stop();
  });

  it('has an AWS CLI to run them with (apt-get install awscli)', () => {
    expect(clis.map((c) => c.version)).not.toEqual([]);
  });

  it.each(clis.map((cli) => [cli.version, cli] as const))(
    'run as written with %s',
    async (_version, cli) => {
      const blocks = blocksRunHere('aws');
      expect(blocks.length).toBeGreaterThan(0);
      const cwd = scratchDir('aws');
      try {
        // The file the README uploads: any 835 will do.
        copyFileSync(join(repoRoot, 'test/fixtures/x12/LinuxForHealth-x12/demo-file/demo.835'), join(cwd, 'remit.835'));
        mkdirSync(join(cwd, 'bin'));
        symlinkSync(cli.path, join(cwd, 'bin', 'aws'));
        // A clean environment: nothing of this process's AWS settings (the stack exported some) nor the user's
        // AWS config; what the commands need, the README's own export line must give.
        const env: NodeJS.ProcessEnv = Object.fromEntries(Object.entries(readerEnv()).filter(([k]) => !k.startsWith('AWS_')));
        Object.assign(env, {
          PATH: `${join(cwd, 'bin')}:${readerEnv().PATH}`,
          AWS_CONFIG_FILE: join(cwd, 'no-config'),
          AWS_SHARED_CREDENTIALS_FILE: join(cwd, 'no-credentials'),
        });
        // The README's request examples (json blocks) are the files its commands send.
        writeFileSync(join(cwd, 'registration.json'), readmeJson('"patient":'));
        writeFileSync(join(cwd, 'encounter.json'), readmeJson('"encounter":'));
        const port = (url: string) => new URL(url).port;
        const intake = stack.stateMachineArns.PayerFileIntake!;
        const started = async () => (await sfn.send(new ListExecutionsCommand({ stateMachineArn: intake }))).executions?.length ?? 0;
        const before = await started();
        // One reader in one terminal: the exports of an earlier block hold for the later ones.
        const exported: string[] = [];
        for (const block of blocks) {
          const lines = block.map((c) =>
            c.command
              .replaceAll('127.0.0.1:S3PORT', `127.0.0.1:${port(stack.endpoints.s3)}`)
              .replaceAll('127.0.0.1:PORT', `127.0.0.1:${port(stack.endpoints.stepFunctions)}`),
          );
          const ran = await runInShell([...exported, ...lines], { cwd, env });
          expect(ran.filter((r) => r.status !== 0)).toEqual([]);
          exported.push(...lines.filter((line) => line.startsWith('export ')));
        }
        // The Lambda APIs answered, each as its contract says (a function error would be an errorType here);
        // the second CLI version finds the patient and the encounter the first one recorded.
        const answer = (file: string) => JSON.parse(readFileSync(join(cwd, file), 'utf8')) as Record<string, unknown>;
        expect(answer('registered.json')).toMatchObject({ patientId: 'EP-100234', status: expect.stringMatching(/^(created|unchanged)$/) });
        expect(answer('captured.json')).toMatchObject({
          claimId: 'CLM-ENC-88120',
          status: expect.stringMatching(/^(captured|already-captured)$/),
          totalChargeCents: 12500,
        });
        expect(answer('claims.json')).toHaveProperty('claims');
        expect(answer('answer.json')).toMatchObject({
          patientId: 'EP-100234',
          accounts: [expect.objectContaining({ accountId: 'ACC-100234' })],
        });
        expect(answer('account.json')).toMatchObject({
          accountId: 'ACC-100234',
          claims: [expect.objectContaining({ claimId: 'CLM-ENC-88120' })],
        });
        // What each command did: the executions listed, the function invoked, the file put into the inbox.
        const invoked = JSON.parse(readFileSync(join(cwd, 'out.json'), 'utf8')) as { items?: unknown[] };
        expect(invoked.items).toEqual([]);
        await stack.settle();
        expect(await started()).toBe(before + 1);
      } finally {
        rmSync(cwd, { recursive: true, force: true });
      }
    },
    120_000,
  );
});
