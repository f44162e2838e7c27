/** Builds large 835 inputs from the corpus fixtures, with distinct claim and control numbers. */
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { tokenize } from '../../functions/x12/tokenizer.ts';

// A transpiled copy of this module (the streaming child) is told where the fixtures are.
const FIX = process.env.X12_BENCH_FIXTURES ? pathToFileURL(`${process.env.X12_BENCH_FIXTURES}/`) : new URL('../fixtures/x12/', import.meta.url);

/** Balanced 5010 835s from the fixtures whose transaction sets serve as templates. */
export const TEMPLATE_FILES = [
  'affect-therapeutics-edi-835-parser/tests/test_edi_835_files/emedny_sample.txt',
  'affect-therapeutics-edi-835-parser/tests/test_edi_835_files/united_healthcare_legacy_sample.txt',
  'affect-therapeutics-edi-835-parser/tests/test_edi_835_files/nevada_medicaid.txt',
  'LinuxForHealth-x12/src/tests/resources/835_005010X221A1/medicare-part-a.835',
  'LinuxForHealth-x12/src/tests/resources/835_005010X221A1/managed-care.835',
];

interface Template { segments: string[][]; clpIndexes: number[] }

function templates(): Template[] {
  const out: Template[] = [];
  for (const f of TEMPLATE_FILES) {
    let current: string[][] | undefined;
    for (const s of tokenize(readFileSync(new URL(f, FIX)))) {
      if (s.id === 'ST') current = [];
      // Normalise composites to ':' so that every template fits the generated ISA16.
      if (current) current.push(s.delimiters.component === ':' ? [...s.elements] : s.elements.map((e) => e.split(s.delimiters.component).join(':')));
      if (s.id === 'SE' && current) {
        out.push({ segments: current, clpIndexes: current.flatMap((e, i) => (e[0] === 'CLP' ? [i] : [])) });
        current = undefined;
      }
    }
  }
  return out;
}

const ISA = 'ISA*00*          *00*          *ZZ*BENCHPAYER     *ZZ*BENCHPROVIDER  *260105*0930*^*00501*000000001*0*T*:~\nGS*HP*BENCHPAYER*BENCHPROVIDER*20260105*0930*1*X*005010X221A1~\n';

/** A template pre-serialized around the values that change: ST02/SE02 and each CLP01. */
interface Serialized { parts: string[]; slots: ('control' | 'claim')[] }

function serialize(t: Template): Serialized {
  const parts: string[] = [];
  const slots: ('control' | 'claim')[] = [];
  let text = '';
  t.segments.forEach((e, i) => {
    if (e[0] === 'ST' || e[0] === 'SE') {
      parts.push(`${text}${e[0]}*${e[1]}*`);
      slots.push('control');
      text = `${e.slice(3).map((x) => `*${x}`).join('')}~\n`;
    } else if (t.clpIndexes.includes(i)) {
      parts.push(`${text}CLP*`);
      slots.push('claim');
      text = `${e.slice(2).map((x) => `*${x}`).join('')}~\n`;
    } else text += `${e.join('*')}~\n`;
  });
  parts.push(text);
  return { parts, slots };
}

/**
 * Yields an 835 interchange of about `targetBytes` as string chunks of about 64 KB: one ISA/GS, then
 * transaction sets copied from the corpus with unique ST02/SE02 and CLP01, then GE/IEA with correct counts.
 */
export function* generate835(targetBytes: number): Generator<string, { claims: number; transactionSets: number }> {
  const tpl = templates().map(serialize);
  let bytes = ISA.length;
  let sets = 0;
  let claims = 0;
  yield ISA;
  while (bytes < targetBytes) {
    let chunk = '';
    while (chunk.length < 65536 && bytes + chunk.length < targetBytes) {
      const t = tpl[sets % tpl.length] as Serialized;
      sets++;
      const control = String(sets).padStart(9, '0');
      for (let k = 0; k < t.slots.length; k++) {
        chunk += t.parts[k] as string;
        chunk += t.slots[k] === 'control' ? control : `BENCH${++claims}`;
      }
      chunk += t.parts[t.slots.length] as string;
    }
    bytes += chunk.length;
    yield chunk;
  }
  yield `GE*${sets}*1~\nIEA*1*000000001~\n`;
  return { claims, transactionSets: sets };
}

/** Materializes {@link generate835} into one string. */
export function build835(targetBytes: number): { text: string; claims: number; transactionSets: number } {
  const parts: string[] = [];
  const it = generate835(targetBytes);
  for (;;) {
    const r = it.next();
    if (r.done) return { text: parts.join(''), ...r.value };
    parts.push(r.value);
  }
}
