/**
 * Turns a failed zod parse into the issues a caller can act on: every problem, by field. A union
 * (e.g. CheckEligibility's "by coverage" or "by claim") is judged against the branch the input looks
 * like, rather than answered with zod's bare "(root): Invalid input".
 */
import { z } from 'zod';

export interface ValidationIssue {
  readonly path: string;
  readonly message: string;
}

type Issue = z.core.$ZodIssue;

const pathOf = (path: readonly PropertyKey[]): string => path.map(String).join('.');

/** The object shapes a union offers, if the schema is a union of plain objects. */
function unionObjectOptions(schema: z.ZodType): z.ZodObject[] | undefined {
  if (!(schema instanceof z.ZodUnion)) return undefined;
  const options = schema.options as readonly z.ZodType[];
  return options.every((o) => o instanceof z.ZodObject) ? (options as z.ZodObject[]) : undefined;
}

/** The fields a branch requires (not optional), for a message that names them. */
function requiredFields(option: z.ZodObject): string[] {
  return Object.entries(option.shape as Record<string, z.ZodType>)
    .filter(([, field]) => !field.safeParse(undefined).success)
    .map(([name]) => name);
}

/**
 * Flattens zod's issues. A nested `invalid_union` issue is replaced by the issues of its closest
 * branch (the one with the fewest issues), so the answer still names fields.
 */
function flatten(issues: readonly Issue[], prefix: readonly PropertyKey[] = []): ValidationIssue[] {
  return issues.flatMap((issue) => {
    const path = [...prefix, ...issue.path];
    if (issue.code === 'invalid_union' && 'errors' in issue && issue.errors.length > 0) {
      const closest = [...issue.errors].sort((a, b) => a.length - b.length)[0]!;
      return flatten(closest, path);
    }
    return [{ path: pathOf(path), message: issue.message }];
  });
}

/**
 * Every problem of `input` against `schema`, by field (empty when it is valid). For a top-level union
 * of objects, the branch sharing the most keys with the input is the one checked; when the input
 * shares none, the answer names what each branch requires.
 */
export function validationIssues(schema: z.ZodType, input: unknown, issues: readonly Issue[]): ValidationIssue[] {
  const options = unionObjectOptions(schema);
  if (options && input !== null && typeof input === 'object' && !Array.isArray(input)) {
    const keys = Object.keys(input);
    const overlap = options.map((o) => keys.filter((k) => Object.hasOwn(o.shape, k)).length);
    const best = Math.max(...overlap);
    if (best === 0) {
      const alternatives = options.map((o) => requiredFields(o).join(', ')).join('; or ');
      return [{ path: '', message: `give one of: ${alternatives}` }];
    }
    const branch = options[overlap.indexOf(best)]!;
    const parsed = branch.safeParse(input);
    if (!parsed.success) return flatten(parsed.error.issues);
  }
  return flatten(issues);
}
