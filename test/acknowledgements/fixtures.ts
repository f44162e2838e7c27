/**
 * Small, whole payer acknowledgements for tests: a 999 for one 837 transaction set and a 277CA for two
 * claims (one accepted, one rejected at the front door). The names and member ids in the 277CA are
 * made up; tests use them to show they never reach logs, outputs or reports.
 */

const isa = (control: string): string =>
  `ISA*00*          *00*          *ZZ*SANDBOXPAYER   *ZZ*GENERALHOSP    *261127*1000*^*00501*${control}*0*T*:~`;

/** A 999 accepting transaction set 0001 of the 837 group `groupControlNumber` (GS06 of what we sent). */
export function ack999(groupControlNumber: number): string {
  return (
    isa('000000201') +
    'GS*FA*SANDBOXPAYER*GENERALHOSP*20261127*1000*201*X*005010X231A1~ST*999*0001*005010X231A1~' +
    `AK1*HC*${groupControlNumber}*005010X222A1~AK2*837*0001*005010X222A1~IK5*A~AK9*A*1*1*1~` +
    'SE*6*0001~GE*1*201~IEA*1*000000201~'
  );
}

/** A 277CA accepting PCN-ACK1 (A2:20) and rejecting PCN-ACK2 at the front door (A3:33). */
export const ack277ca =
  isa('000000202') +
  'GS*HN*SANDBOXPAYER*GENERALHOSP*20261127*1100*202*X*005010X214~ST*277*0001*005010X214~' +
  'BHT*0085*08*ACK0001*20261127*1100*TH~HL*1**20*1~NM1*PR*2*SANDBOX HEALTH PLAN*****PI*SBXCOMM01~' +
  'HL*2*1*21*1~NM1*41*2*GENERAL HOSPITAL BILLING*****46*SUB12345~TRN*2*BATCH0001~STC*A1:19:PR*20261127~' +
  'QTY*90*1~QTY*AA*1~AMT*YU*90~AMT*YY*95~' +
  'HL*3*2*19*1~NM1*85*2*GENERAL HOSPITAL*****XX*1245319599~TRN*1*0~STC*A1:19:PR*20261127~' +
  'QTY*QA*1~QTY*QC*1~AMT*YU*90~AMT*YY*95~' +
  'HL*4*3*PT*0~NM1*QC*1*DOE*JANE****MI*ABC123~TRN*2*PCN-ACK1~STC*A2:20:PR*20261127*WQ*90~DTP*472*RD8*20261105-20261105~' +
  'HL*5*3*PT*0~NM1*QC*1*ROE*RICHARD****MI*XYZ789~TRN*2*PCN-ACK2~STC*A3:33:IL*20261127*U*95~DTP*472*RD8*20261105-20261105~' +
  'SE*31*0001~GE*1*202~IEA*1*000000202~';

/** The made-up PHI in {@link ack277ca}: none of it may appear in what ops reads. */
export const ACK_PHI = ['DOE', 'JANE', 'ABC123', 'ROE', 'RICHARD', 'XYZ789'] as const;
