/**
 * Loop rules that serve several guides: a guide splits one segment into several by a qualifier,
 * the engine reads them as one list, and these rules check what each part of that list allows.
 */
import type { LoopRule } from '#functions/x12/schema.ts';

/**
 * Per-qualifier max use of a segment the definition holds as one list (`key`): the guides give each
 * qualifier its own segment with its own max use (837P 2400 REF*G1 up to 5, REF*6R once...), the
 * engine one REF with the union of the qualifiers. The qualifier is the item's `qualifier`, `category`
 * (CRC01) or `functionCode` (PER01). Qualifiers of one segment of the guide count together under
 * one key joined by '/' (837P vision CRC: `E1/E2/E3`). A qualifier missing from `limits` is left to
 * the code list. Reported at the loop's trigger, as SEGMENT_MAX_USE.
 */
export function qualifiersWithinMaxUse(key: string, segmentId: string, limits: Readonly<Record<string, number>>): LoopRule {
  const listed = Object.entries(limits)
    .map(([q, n]) => `${n} ${segmentId}*${q}`)
    .join(', ');
  const keyOf = new Map<string, string>();
  for (const key of Object.keys(limits)) for (const q of key.split('/')) keyOf.set(q, key);
  return {
    code: 'SEGMENT_MAX_USE',
    expected: `at most ${listed} in one loop`,
    holds: (loop) => {
      const counts = new Map<string, number>();
      for (const item of (loop[key] as { qualifier?: string; category?: string; functionCode?: string }[] | undefined) ?? []) {
        const q = item.qualifier ?? item.category ?? item.functionCode;
        const k = q === undefined ? undefined : keyOf.get(q);
        if (k === undefined) continue;
        const n = (counts.get(k) ?? 0) + 1;
        counts.set(k, n);
        if (n > (limits[k] as number)) return false;
      }
      return true;
    },
  };
}

/** What one contact function (PER01) allows: a name (PER02), and its numbers (PER03-PER08). */
export interface ContactFunction {
  readonly name: boolean;
  /** The number qualifiers (PER03, PER05, PER07) of this function, every position together. */
  readonly numbers: readonly string[];
  /** How many numbers it carries at most; 1 makes PER05-PER08 Not Used. */
  readonly count: 1 | 3;
  /** PER03/PER04 required. */
  readonly numberRequired: boolean;
}

interface ContactLike {
  functionCode?: string;
  name?: string;
  numbers?: { qualifier?: string }[];
}

/**
 * Each PER of `key` filled as its function (PER01) allows: the guides give each function its own
 * segment (835 1000A: business contact CX, technical contacts BL, web site IC), the definition one
 * PER with the union of their lists. A function or number qualifier no function lists is left to its
 * element's code list (one defect, one finding). Reported at the loop's trigger.
 */
export function contactsByFunction(key: string, functions: Readonly<Record<string, ContactFunction>>): LoopRule {
  const listed = new Set(Object.values(functions).flatMap((f) => f.numbers));
  return {
    code: 'CONTACT_FUNCTION',
    expected: `each PER as its function (PER01 ${Object.keys(functions).join(', ')}) allows: its name, numbers and number qualifiers`,
    holds: (loop) => {
      for (const item of (loop[key] as ContactLike[] | undefined) ?? []) {
        const f = item.functionCode === undefined ? undefined : functions[item.functionCode];
        if (f === undefined) continue;
        if (!f.name && item.name !== undefined) return false;
        const numbers = item.numbers ?? [];
        if ((f.numberRequired && numbers.length === 0) || numbers.length > f.count) return false;
        for (const n of numbers) if (n.qualifier !== undefined && listed.has(n.qualifier) && !f.numbers.includes(n.qualifier)) return false;
      }
      return true;
    },
  };
}

/** What a guide allows in one CRC category (CRC01): CRC02's answers, and the conditions (CRC03 on). */
export interface ConditionCategory {
  readonly answers: readonly string[];
  readonly codes: readonly string[];
  /** How many conditions it carries at most: CRC03 to CRC(02 + count); the later ones are Not Used. */
  readonly count: number;
}

/** Every condition code the categories list, sorted: the one CRC03-CRC07 list of their segment. */
export function conditionCodes(categories: Readonly<Record<string, ConditionCategory>>): string[] {
  return [...new Set(Object.values(categories).flatMap((c) => c.codes))].sort();
}

const CONDITION_KEYS = ['condition1', 'condition2', 'condition3', 'condition4', 'condition5'] as const;

/**
 * Each CRC of `key` answered and filled as its category (CRC01) allows: the guides give each category
 * its own segment (837P 2400: ambulance certification 07, hospice employee 70, DME condition 09), the
 * definition one CRC with the union of their lists. A category, answer or condition no category
 * lists is left to its element's code list (one defect, one finding). Reported at the loop's
 * trigger, as the other loop rules.
 */
export function conditionsByCategory(key: string, categories: Readonly<Record<string, ConditionCategory>>): LoopRule {
  const listedCodes = new Set(conditionCodes(categories));
  const listedAnswers = new Set(Object.values(categories).flatMap((c) => c.answers));
  return {
    code: 'CONDITION_CATEGORY',
    expected: 'each CRC answered (CRC02) and its conditions (CRC03-CRC07) from the lists of its category (CRC01)',
    holds: (loop) => {
      for (const item of (loop[key] as Record<string, string | undefined>[] | undefined) ?? []) {
        const category = item.category === undefined ? undefined : categories[item.category];
        if (category === undefined) continue;
        const answer = item.response;
        if (answer !== undefined && listedAnswers.has(answer) && !category.answers.includes(answer)) return false;
        for (const [n, k] of CONDITION_KEYS.entries()) {
          const condition = item[k];
          if (condition === undefined || !listedCodes.has(condition)) continue;
          if (n >= category.count || !category.codes.includes(condition)) return false;
        }
      }
      return true;
    },
  };
}
