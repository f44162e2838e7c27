import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { blockCommands, docCommands, fencedBlocks } from './doc-commands.ts';

const commandsOf = (markdown: string) => docCommands(markdown).map((c) => c.command);

describe('reading the commands of a document', () => {
  it('reads shell blocks only, one command per line, with its line number', () => {
    const markdown = [
      '# Title', // 1
      '```sh', // 2
      'npm ci', // 3
      '', // 4
      'npm test', // 5
      '```', // 6
      '```ts', // 7
      'const x = 1;', // 8
      '```', // 9
      '~~~bash', // 10
      'aws s3 ls', // 11
      '~~~', // 12
    ].join('\n');
    expect(docCommands(markdown)).toEqual([
      { command: 'npm ci', line: 3, block: 0 },
      { command: 'npm test', line: 5, block: 0 },
      { command: 'aws s3 ls', line: 11, block: 1 },
    ]);
  });

  it('drops comments, but not a # inside quotes or a word', () => {
    expect(blockCommands("npm ci     # install\n# a comment line\necho '# not a comment' > a#b.txt", 'sh').map((c) => c.command)).toEqual([
      'npm ci',
      "echo '# not a comment' > a#b.txt",
    ]);
  });

  it('splits && and ; chains, but not inside quotes, and keeps a pipeline whole', () => {
    expect(blockCommands(`npm ci && npm run demo; npm test\necho "a && b" | jq .`, 'sh').map((c) => c.command)).toEqual([
      'npm ci',
      'npm run demo',
      'npm test',
      'echo "a && b" | jq .',
    ]);
  });

  it('joins a command continued with backslashes, at the line it starts', () => {
    expect(blockCommands('aws lambda invoke \\\n  --function-name X \\\n  out.json\nnpm test', 'sh')).toEqual([
      { command: 'aws lambda invoke --function-name X out.json', offset: 0 },
      { command: 'npm test', offset: 3 },
    ]);
  });

  it('reads only the prompted lines of a console block; the rest is output', () => {
    expect(blockCommands('$ npx rcm --version\nrcm 0.1.0 (Node 22.23.3)\n$ npm test', 'console').map((c) => c.command)).toEqual([
      'npx rcm --version',
      'npm test',
    ]);
  });

  it('finds fences indented in a list item, longer fences, and an unclosed block', () => {
    const markdown = [
      '1. Install:',
      '',
      '   ```sh',
      '   npm ci',
      '   ```',
      '',
      '````sh',
      '```',
      'npm test',
      '````',
      '```sh',
      'npm run demo',
    ].join('\n');
    expect(fencedBlocks(markdown).map((b) => b.body)).toEqual(['npm ci', '```\nnpm test', 'npm run demo']);
    expect(commandsOf(markdown)).toEqual(['npm ci', '```', 'npm test', 'npm run demo']);
  });

  it('names a block without a language with the empty string', () => {
    expect(fencedBlocks('```\nnpm ci\n```').map((b) => b.lang)).toEqual(['']);
    expect(commandsOf('```\nnpm ci\n```')).toEqual([]);
  });

  it('gives back every command written one per line in a sh block, whatever the prose around it', () => {
    const word = fc.stringMatching(/^[a-z0-9][a-z0-9.=\-/:]{0,11}$/);
    const command = fc.array(word, { minLength: 1, maxLength: 6 }).map((words) => words.join(' '));
    const prose = fc.array(fc.stringMatching(/^[A-Za-z ,.]{0,40}$/), { maxLength: 3 });
    fc.assert(
      fc.property(fc.array(fc.tuple(prose, fc.array(command, { minLength: 1, maxLength: 4 })), { maxLength: 4 }), (sections) => {
        const markdown = sections.map(([text, cmds]) => [...text, '```sh', ...cmds, '```'].join('\n')).join('\n\n');
        expect(commandsOf(markdown)).toEqual(sections.flatMap(([, cmds]) => cmds));
      }),
    );
  });
});
