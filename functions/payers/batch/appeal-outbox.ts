/**
 * Appeals to a payer without an electronic appeal channel: the approved packet is written to the S3
 * outbox under `appeals/`, where the mail-room or portal job picks it up, and the answer is `pending`:
 * the payer's decision comes later, as an 835 (a reversal and a new adjudication) or a letter.
 */
import { PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { PayerRequestInvalidError, PayerUnavailableError } from '#functions/payers/errors.ts';
import type { AppealChannel, AppealPacket, AppealReceipt, RequestContext } from '#functions/payers/gateway.ts';
import { appealPacketSchema } from '#schemas/appeal-packet.ts';

export interface AppealOutboxOptions {
  s3: Pick<S3Client, 'send'>;
  bucket: string;
  /** Prefix the appeal pick-up job watches (default `appeals/`). */
  prefix?: string;
  now?: () => Date;
}

/** The outbox key of an appeal: one object per payer and appeal, so sending it again overwrites the same packet. */
export function appealOutboxKey(packet: Pick<AppealPacket, 'payerId' | 'appealId'>, prefix = 'appeals/'): string {
  return `${prefix}${packet.payerId}/${packet.appealId}/packet.json`;
}

/** The real gateway's appeal channel: the packet goes to the outbox; the payer answers later. */
export class S3AppealOutbox implements AppealChannel {
  private readonly options: AppealOutboxOptions;
  constructor(options: AppealOutboxOptions) {
    this.options = options;
  }

  async submitAppeal(packet: AppealPacket, ctx: RequestContext): Promise<AppealReceipt> {
    const parsed = appealPacketSchema.safeParse(packet);
    if (!parsed.success)
      throw new PayerRequestInvalidError(
        parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`),
        { payerId: ctx.payerId },
      );
    try {
      await this.options.s3.send(
        new PutObjectCommand({
          Bucket: this.options.bucket,
          Key: appealOutboxKey(parsed.data, this.options.prefix),
          Body: JSON.stringify(parsed.data, null, 2),
          ContentType: 'application/json',
        }),
      );
    } catch (error) {
      throw new PayerUnavailableError('OutboxUnavailable', { payerId: ctx.payerId, cause: error });
    }
    return { outcome: 'pending', receivedAt: (this.options.now ?? (() => new Date()))().toISOString() };
  }
}
