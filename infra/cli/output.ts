/** Human output helpers for the rcm tool: tables, amounts, colours on terminals only, progress on stderr. */
import { formatDollars } from '#functions/accounts/money.ts';
const useColour = process.stdout.isTTY && !process.env.NO_COLOR;

const paint = (code: number) => (text: string) => (useColour ? `\u001b[${code}m${text}\u001b[0m` : text);
export const green = paint(32);
export const red = paint(31);
export const yellow = paint(33);
export const dim = paint(2);
export const bold = paint(1);

/** Colours an execution status the way the console does. */
export function status(text: string | undefined): string {
  switch (text) {
    case 'SUCCEEDED':
      return green(text);
    case 'RUNNING':
      return yellow(text);
    case undefined:
      return '';
    default:
      return red(text);
  }
}

// eslint-disable-next-line no-control-regex
const visibleLength = (text: string) => text.replace(/\u001b\[\d+m/g, '').length;

/** Renders rows as an aligned table with a header. */
export function table(headers: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => visibleLength(r[i] ?? ''))));
  const line = (cells: readonly string[]) =>
    cells
      .map((c, i) => c + ' '.repeat(Math.max(0, widths[i]! - visibleLength(c))))
      .join('  ')
      .trimEnd();
  return [bold(line(headers)), ...rows.map(line)].join('\n');
}

/** A progress bar on stderr (only on a terminal; scripts get nothing). */
export function progress(label: string, total: number): { update(done: number): void; end(): void } {
  const enabled = process.stderr.isTTY;
  const draw = (done: number) => {
    if (!enabled) return;
    const width = 30;
    const filled = total === 0 ? width : Math.round((done / total) * width);
    process.stderr.write(`\r${label} [${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${done}/${total}`);
  };
  draw(0);
  return { update: draw, end: () => enabled && process.stderr.write('\n') };
}

export function formatDate(date: Date | undefined): string {
  return date
    ? date
        .toISOString()
        .replace('T', ' ')
        .replace(/\.\d+Z$/, 'Z')
    : '';
}

/** Display form of integer cents, exact, without the dollar sign ("-1,812.27"). */
export function amount(cents: number): string {
  return formatDollars(cents).replace('$', '');
}

/** The same in dollars ("$1,812.27", "-$0.50"); a dash when there is no amount. */
export function dollars(cents: number | undefined): string {
  return cents === undefined ? '-' : formatDollars(cents);
}
