/**
 * Synthetic payer files for the demo: invented organisations and numbers, no patient data.
 * Only the envelopes matter to the intake workflow; the X12 engine reads the rest.
 */
function envelope(group: string, version: string, transactionSet: string, control: number, body: string[]): string {
  const isaControl = String(control).padStart(9, '0');
  const segments = [
    `ISA*00*          *00*          *ZZ*SANDBOXPAYER   *ZZ*GENERALHOSP    *261127*0900*^*00501*${isaControl}*0*T*:`,
    `GS*${group}*SANDBOXPAYER*GENERALHOSP*20261127*0900*${control}*X*${version}`,
    `ST*${transactionSet}*0001`,
    ...body,
    `SE*${body.length + 2}*0001`,
    `GE*1*${control}`,
    `IEA*1*${isaControl}`,
  ];
  return segments.join('~\n') + '~\n';
}

export interface SampleFile {
  readonly key: string;
  readonly body: string;
  readonly expect: 'accepted' | 'quarantined';
  readonly description: string;
}

export const demoFiles: readonly SampleFile[] = [
  {
    key: 'inbound/demo/era-000101.835',
    expect: 'accepted',
    description: 'an 835 remittance (payment of one claim)',
    body: envelope('HP', '005010X221A1', '835', 101, [
      'BPR*I*150*C*ACH*CCP*01*999999999*DA*123456*1512345678**01*999988880*DA*98765*20261127',
      'TRN*1*EFT-0000101*1512345678',
      'N1*PR*SANDBOX HEALTH PLAN',
      'N3*1 PLAN PLAZA',
      'N4*SPRINGFIELD*IL*62701',
      'N1*PE*GENERAL HOSPITAL*XX*1245319599',
      'LX*1',
      'CLP*PCN-0001*1*200*150*50*12*PAYERCLM-0001*11*1',
      'CAS*CO*45*50',
      'NM1*QC*1*SAMPLE*PAT****MI*DEMO0001',
    ]),
  },
  {
    key: 'inbound/demo/ack-000102.999',
    expect: 'accepted',
    description: 'a 999 acknowledgement of an 837 batch',
    body: envelope('FA', '005010X231A1', '999', 102, ['AK1*HC*1*005010X222A1', 'AK9*A*1*1*1']),
  },
  {
    key: 'inbound/demo/scanned-letter.pdf',
    expect: 'quarantined',
    description: 'a scanned letter, not an X12 file',
    body: '%PDF-1.7\n% synthetic demo content\n',
  },
];
