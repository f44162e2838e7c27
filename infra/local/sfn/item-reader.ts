import { GetObjectCommand, ListObjectsV2Command, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { StatesTaskError } from './errors.ts';

export interface ItemReaderDefinition {
  readonly Resource: string;
  readonly ReaderConfig?: {
    InputType?: 'JSON' | 'JSONL' | 'CSV' | 'MANIFEST';
    CSVHeaderLocation?: 'FIRST_ROW' | 'GIVEN';
    CSVHeaders?: string[];
    MaxItems?: number;
  };
}

function parseCsvLine(line: string): string[] {
  const cells: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      cells.push(cell);
      cell = '';
    } else cell += ch;
  }
  cells.push(cell);
  return cells;
}

/**
 * Reads a distributed Map's items from the local S3 the way ItemReader does: a JSON array,
 * JSON Lines, CSV with headers, or the object listing of a prefix.
 */
export async function readItems(s3: S3Client, reader: ItemReaderDefinition, parameters: Record<string, unknown>): Promise<unknown[]> {
  const config = reader.ReaderConfig ?? {};
  const limit = config.MaxItems ?? Number.POSITIVE_INFINITY;
  if (reader.Resource === 'arn:aws:states:::s3:listObjectsV2') {
    const items: unknown[] = [];
    let token: string | undefined;
    do {
      const page = await s3.send(
        new ListObjectsV2Command({
          Bucket: String(parameters.Bucket),
          Prefix: parameters.Prefix as string | undefined,
          ContinuationToken: token,
        }),
      );
      for (const object of page.Contents ?? []) {
        items.push({
          Key: object.Key,
          Size: object.Size,
          Etag: object.ETag,
          LastModified: object.LastModified?.toISOString(),
          StorageClass: object.StorageClass,
        });
      }
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token && items.length < limit);
    return items.slice(0, limit);
  }
  let text: string;
  try {
    const object = await s3.send(new GetObjectCommand({ Bucket: String(parameters.Bucket), Key: String(parameters.Key) }));
    text = (await object.Body?.transformToString('utf-8')) ?? '';
  } catch (error) {
    throw new StatesTaskError(
      'States.ItemReaderFailed',
      `Could not read s3://${String(parameters.Bucket)}/${String(parameters.Key)}: ${(error as Error).name}`,
    );
  }
  const inputType = config.InputType ?? 'JSON';
  let items: unknown[];
  if (inputType === 'JSONL') {
    items = [];
    const lines = text.split(/\r?\n/);
    for (let i = 0; i < lines.length && items.length < limit; i++) {
      const line = lines[i]!.trim();
      if (!line) continue;
      try {
        items.push(JSON.parse(line));
      } catch {
        throw new StatesTaskError(
          'States.ItemReaderFailed',
          `Line ${i + 1} of s3://${String(parameters.Bucket)}/${String(parameters.Key)} is not JSON`,
        );
      }
    }
  } else if (inputType === 'CSV') {
    const lines = text.split(/\r?\n/).filter((line) => line.length > 0);
    const headers = config.CSVHeaderLocation === 'GIVEN' ? (config.CSVHeaders ?? []) : parseCsvLine(lines.shift() ?? '');
    items = lines.map((line) => Object.fromEntries(parseCsvLine(line).map((cell, i) => [headers[i] ?? `column${i + 1}`, cell])));
  } else {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      throw new StatesTaskError(
        'States.ItemReaderFailed',
        `s3://${String(parameters.Bucket)}/${String(parameters.Key)} is not a JSON array`,
      );
    }
    if (!Array.isArray(parsed)) throw new StatesTaskError('States.ItemReaderFailed', 'The JSON object read is not an array');
    items = parsed;
  }
  return items.slice(0, limit);
}

/** Writes a distributed Map's results where ResultWriter says, returning what the Map state outputs. */
export async function writeResults(
  s3: S3Client,
  writer: { Parameters?: { Bucket?: string; Prefix?: string } },
  mapRunArn: string,
  succeeded: unknown[],
  failed: unknown[],
): Promise<unknown> {
  const bucket = String(writer.Parameters?.Bucket);
  const runId = mapRunArn.split(':').pop() ?? 'run';
  const prefix = `${writer.Parameters?.Prefix ?? ''}${writer.Parameters?.Prefix?.endsWith('/') ? '' : '/'}${runId}`;
  const put = (key: string, body: unknown) =>
    s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: JSON.stringify(body), ContentType: 'application/json' }));
  await put(`${prefix}/SUCCEEDED_0.json`, succeeded);
  if (failed.length > 0) await put(`${prefix}/FAILED_0.json`, failed);
  const manifestKey = `${prefix}/manifest.json`;
  await put(manifestKey, {
    DestinationBucket: bucket,
    MapRunArn: mapRunArn,
    ResultFiles: {
      SUCCEEDED: [{ Key: `${prefix}/SUCCEEDED_0.json`, Size: 0 }],
      FAILED: failed.length ? [{ Key: `${prefix}/FAILED_0.json` }] : [],
    },
  });
  return { MapRunArn: mapRunArn, ResultWriterDetails: { Bucket: bucket, Key: manifestKey } };
}
