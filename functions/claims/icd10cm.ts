/**
 * ICD-10-CM code structure and code-set membership.
 *
 * Structure: a category of three characters (letter, digit, letter-or-digit), then up to four
 * more characters after the decimal point, 3–7 characters in all. A seventh character
 * (extension) sits in position 7; when the code is shorter than six characters, the gap is
 * filled with the placeholder X (W19 → W19.XXXA). Codes are stored and billed without the dot.
 */

/** Removes the decimal point and upper-cases: "s72.001a" → "S72001A". */
export function normalizeIcd10Cm(code: string): string {
  return code.trim().toUpperCase().replace('.', '');
}

/** Formats a normalized code the way clerks read it: "S72001A" → "S72.001A". */
export function displayIcd10Cm(code: string): string {
  const c = normalizeIcd10Cm(code);
  return c.length > 3 ? `${c.slice(0, 3)}.${c.slice(3)}` : c;
}

/** Chapters whose codes (almost) all need a seventh character: injuries S00–T88, except burns by extent T31–T32. */
function needsSeventhCharacter(code: string): boolean {
  if (code.startsWith('S')) return true;
  if (code.startsWith('T')) return !/^T3[12]/.test(code);
  return false;
}

/** Structural problems with a code as a clerk would phrase them; empty when well-formed. */
export function icd10CmStructureProblems(raw: string): string[] {
  const trimmed = raw.trim().toUpperCase();
  const dot = trimmed.indexOf('.');
  if (dot !== -1 && (dot !== 3 || trimmed.indexOf('.', dot + 1) !== -1 || trimmed.length === 4)) {
    return ['the decimal point belongs after the third character (e.g. E11.9)'];
  }
  const code = normalizeIcd10Cm(trimmed);
  if (code.length < 3 || code.length > 7) return ['an ICD-10-CM code has 3 to 7 characters'];
  if (!/^[A-Z]/.test(code)) return ['an ICD-10-CM code starts with a letter'];
  if (!/^[A-Z]\d/.test(code)) return ['the second character of an ICD-10-CM code is a digit'];
  if (!/^[A-Z]\d[0-9A-Z]+$/.test(code)) return ['an ICD-10-CM code holds only letters and digits'];
  const problems: string[] = [];
  const firstX = code.indexOf('X', 3);
  if (firstX !== -1 && firstX < 6) {
    // placeholders fill every position up to the seventh character, which must follow
    if (code.length !== 7) problems.push('a placeholder X is only used to pad a code to its seventh character');
    else if (!/^X+$/.test(code.slice(firstX, 6))) problems.push('after a placeholder X, only X may follow until the seventh character');
  }
  if (needsSeventhCharacter(code) && code.length !== 7) {
    problems.push('injury and external-cause codes need a seventh character (A initial, D subsequent, S sequela); pad with X if shorter');
  }
  return problems;
}
