/**
 * Shell commands of a Markdown document, as a reader would copy them: every fenced code block whose
 * language is a shell (`sh`, `bash`, `shell`, `zsh`, `console`), one command per line after line
 * continuations are joined, comments dropped and `&&` / `;` chains split. Used by the README doc test.
 */

/** A fenced code block: its language (the info string's first word, '' when none), first body line and body. */
export interface FencedBlock {
  readonly lang: string;
  /** 1-based line number of the block's first body line. */
  readonly line: number;
  readonly body: string;
}

/** One command a reader would type, with where it stands in the document. */
export interface DocCommand {
  readonly command: string;
  /** 1-based line number of the command's first line. */
  readonly line: number;
  /** Index of its block among the document's shell blocks. */
  readonly block: number;
}

/** Languages whose blocks hold commands. `console` blocks mark commands with a `$ ` prompt; other lines are output. */
export const SHELL_LANGUAGES: ReadonlySet<string> = new Set(['sh', 'bash', 'shell', 'zsh', 'console', 'shell-session']);

/**
 * Every fenced code block (``` or ~~~, three or more, indented up to three spaces or inside a list item),
 * as CommonMark reads them: a block ends at a fence of the same character at least as long; an
 * unclosed block runs to the end of the document.
 */
export function fencedBlocks(markdown: string): FencedBlock[] {
  const lines = markdown.split(/\r?\n/);
  const blocks: FencedBlock[] = [];
  let open: { fence: string; indent: number; lang: string; line: number; body: string[] } | undefined;
  lines.forEach((text, i) => {
    if (!open) {
      const start = /^(\s*)(`{3,}|~{3,})\s*([^`\s]*)/.exec(text);
      if (start) open = { indent: start[1]!.length, fence: start[2]!, lang: start[3]!.toLowerCase(), line: i + 2, body: [] };
      return;
    }
    const end = /^\s*(`{3,}|~{3,})\s*$/.exec(text);
    if (end && end[1]![0] === open.fence[0] && end[1]!.length >= open.fence.length) {
      blocks.push({ lang: open.lang, line: open.line, body: open.body.join('\n') });
      open = undefined;
      return;
    }
    // A block inside a list item is indented like its fence; that indentation is not part of the code.
    open.body.push(text.slice(Math.min(open.indent, /^\s*/.exec(text)![0].length)));
  });
  if (open) blocks.push({ lang: open.lang, line: open.line, body: open.body.join('\n') });
  return blocks;
}

/** Index of the first `#` that starts a comment (outside quotes, at the start or after a blank), or -1. */
function commentStart(line: string): number {
  let quote: string | undefined;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (quote) {
      if (c === quote) quote = undefined;
      else if (c === '\\' && quote === '"') i++;
    } else if (c === "'" || c === '"') quote = c;
    else if (c === '\\') i++;
    else if (c === '#' && (i === 0 || /\s/.test(line[i - 1]!))) return i;
  }
  return -1;
}

/** Splits a command line at `&&` and `;` outside quotes (a pipeline stays one command). */
function splitChain(line: string): string[] {
  const parts: string[] = [];
  let quote: string | undefined;
  let current = '';
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (quote) {
      if (c === quote) quote = undefined;
      current += c;
    } else if (c === "'" || c === '"') {
      quote = c;
      current += c;
    } else if (c === ';' || (c === '&' && line[i + 1] === '&')) {
      parts.push(current);
      current = '';
      if (c === '&') i++;
    } else current += c;
  }
  parts.push(current);
  return parts.map((p) => p.trim().replace(/\s+/g, ' ')).filter(Boolean);
}

/** The commands of one shell block's body, with their line numbers relative to the block's first line (0-based). */
export function blockCommands(body: string, lang: string): { command: string; offset: number }[] {
  const out: { command: string; offset: number }[] = [];
  const lines = body.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const first = i;
    let text = lines[i]!;
    if (lang === 'console' || lang === 'shell-session') {
      // Only prompted lines are commands; the rest is what the command printed.
      const prompt = /^\s*[$#>] (.*)$/.exec(text);
      if (!prompt) continue;
      text = prompt[1]!;
    }
    // A trailing backslash continues the command on the next line.
    while (/\\\s*$/.test(text) && i + 1 < lines.length) text = text.replace(/\\\s*$/, ' ') + lines[++i]!.trim();
    const comment = commentStart(text);
    if (comment >= 0) text = text.slice(0, comment);
    for (const command of splitChain(text)) out.push({ command, offset: first });
  }
  return out;
}

/** Every command of the document's shell blocks, in order. */
export function docCommands(markdown: string): DocCommand[] {
  const shellBlocks = fencedBlocks(markdown).filter((b) => SHELL_LANGUAGES.has(b.lang));
  return shellBlocks.flatMap((b, block) =>
    blockCommands(b.body, b.lang).map(({ command, offset }) => ({ command, line: b.line + offset, block })),
  );
}
