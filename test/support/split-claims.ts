/** An 835's claims as SplitRemittance writes them for PayerFileIntake's Distributed Maps. */
import type { ClaimItem } from '#functions/remittance/claim-items.ts';
import { splitRemittanceFile } from '#functions/remittance/split-remittance-file.ts';

/**
 * The claims of `bytes` (one 835), split as the intake splits them: those posted in any order, and
 * those that keep file order. A file the split refuses throws, naming its problem.
 */
export async function splitClaims(bytes: Uint8Array): Promise<{ unordered: ClaimItem[]; ordered: ClaimItem[] }> {
  const lines = { unordered: [] as string[], ordered: [] as string[] };
  const split = await splitRemittanceFile(
    async () =>
      (async function* () {
        yield bytes;
      })(),
    {
      unordered: { write: async (line: string) => void lines.unordered.push(line) },
      ordered: { write: async (line: string) => void lines.ordered.push(line) },
    },
  );
  if (split.status !== 'split') throw new Error(`the split refused the file: ${JSON.stringify(split.problem)}`);
  const parse = (all: string[]) => all.map((l) => JSON.parse(l) as ClaimItem);
  return { unordered: parse(lines.unordered), ordered: parse(lines.ordered) };
}
