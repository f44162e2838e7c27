import { describe, expect, it } from 'vitest';
import { identifyInbound } from '../../functions/inbound/identify.ts';

const bytes = (text: string) => new TextEncoder().encode(text);
const isa = (sep = '*', terminator = '~') =>
  ['ISA', '00', '          ', '00', '          ', 'ZZ', 'PAYER          ', 'ZZ', 'PROVIDER       ', '261127', '0900', '^', '00501', '000000001', '0', 'P', ':'].join(sep) + terminator;

describe('identifying an inbound file from its envelope', () => {
  it.each([
    ['HP', '005010X221A1', '835', '835'],
    ['FA', '005010X231A1', '999', '999'],
    ['HN', '005010X214', '277', '277CA'],
    ['HN', '005010X212', '277', '277'],
    ['HB', '005010X279A1', '271', '271'],
  ])('functional group %s version %s is a %s (%s)', (group, version, st, kind) => {
    const file = `${isa()}\nGS*${group}*S*R*20261127*0900*1*X*${version}~\nST*${st}*0001~`;
    expect(identifyInbound(bytes(file))).toMatchObject({ ok: true, kind, transactionSet: st, version });
  });

  it('reads the delimiters from the ISA header, whatever they are', () => {
    const file = `${isa('|', '\n')}GS|HP|S|R|20261127|0900|1|X|005010X221A1\nST|835|0001\n`;
    expect(identifyInbound(bytes(file))).toMatchObject({ ok: true, kind: '835' });
  });

  it('skips a byte-order mark and leading whitespace', () => {
    const file = `\uFEFF  \r\n${isa()}GS*HP*S*R*20261127*0900*1*X*005010X221A1~ST*835*0001~`;
    expect(identifyInbound(bytes(file))).toMatchObject({ ok: true, kind: '835' });
  });

  it.each([
    ['', 'the file is empty', 0],
    ['   ', 'the file is empty', 0],
    ['%PDF-1.7 binary', 'expected the ISA segment', 0],
    ['ISA*00*   ', 'ends before element ISA03', 10],
  ])('explains why %j cannot be used, and where', (text, reason, byteOffset) => {
    const result = identifyInbound(bytes(text));
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.problem.reason).toContain(reason);
      expect(result.problem.byteOffset).toBe(byteOffset);
    }
  });

  it('names the missing GS segment', () => {
    const result = identifyInbound(bytes(`${isa()}ST*835*0001~SE*2*0001~`));
    expect(result).toMatchObject({ ok: false, problem: { segment: 'ST', reason: 'expected a GS segment after ISA' } });
  });
});
