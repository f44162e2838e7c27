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

/** A Distributed Map's ResultWriter (JSONPath): where the results go and, optionally, their shape. */
export interface ResultWriterDefinition {
  readonly Resource?: string;
  readonly Parameters?: { Bucket?: string; Prefix?: string };
  readonly WriterConfig?: { Transformation?: 'NONE' | 'COMPACT' | 'FLATTEN'; OutputType?: 'JSON' | 'JSONL' };
}

/** What the ResultWriter reports of one child execution. */
interface WrittenChild {
  readonly name: string;
  readonly input: unknown;
  readonly startDate: number;
  readonly stopDate?: number;
  readonly output?: unknown;
  readonly failure?: { error: string; cause: string };
}

/**
 * Writes a distributed Map's results where ResultWriter says, as AWS lays them out: under
 * `<Prefix>/<map run id>/`, one file per status (`SUCCEEDED_0.json`, `FAILED_0.json`, `PENDING_0.json`)
 * and a `manifest.json` listing them. By default (Transformation NONE) each entry is the child
 * execution with its `Input` and `Output` as JSON strings; COMPACT keeps only the outputs, FLATTEN
 * also flattens outputs that are arrays; OutputType JSONL writes one entry a line. Returns what the
 * Map state outputs: the Map Run ARN and where the manifest is.
 */
export async function writeResults(
  s3: S3Client,
  writer: ResultWriterDefinition,
  mapRunArn: string,
  execution: { readonly arn: string; readonly machine: { readonly arn: string } },
  children: readonly WrittenChild[],
): Promise<unknown> {
  const bucket = String(writer.Parameters?.Bucket);
  const runId = mapRunArn.split(':').pop() ?? 'run';
  const base = writer.Parameters?.Prefix ?? '';
  const prefix = `${base}${base === '' || base.endsWith('/') ? '' : '/'}${runId}`;
  const transformation = writer.WriterConfig?.Transformation ?? 'NONE';
  const jsonl = writer.WriterConfig?.OutputType === 'JSONL';
  // Child executions are named after the Map Run's label, as AWS names them.
  const label = mapRunArn.split(':mapRun:')[1]?.split(':')[0] ?? 'Map';
  const asExecution = (child: WrittenChild, status: string) => ({
    ExecutionArn: `${execution.arn.replace(/:execution:[^:]+:[^:]+$/, ':execution:')}${label}:${child.name}`,
    Input: JSON.stringify(child.input),
    InputDetails: { Included: true },
    Name: child.name,
    ...(child.output !== undefined ? { Output: JSON.stringify(child.output), OutputDetails: { Included: true } } : {}),
    ...(child.failure ? { Error: child.failure.error, Cause: child.failure.cause } : {}),
    RedriveCount: 0,
    RedriveStatus: status === 'FAILED' ? 'REDRIVABLE' : 'NOT_REDRIVABLE',
    StartDate: new Date(child.startDate).toISOString(),
    StateMachineArn: execution.machine.arn,
    Status: status,
    ...(child.stopDate !== undefined ? { StopDate: new Date(child.stopDate).toISOString() } : {}),
  });
  const entry = (child: WrittenChild, status: string): unknown[] => {
    // A failed child is always written whole, whatever the transformation (as AWS does).
    if (status !== 'SUCCEEDED' || transformation === 'NONE') return [asExecution(child, status)];
    if (transformation === 'FLATTEN' && Array.isArray(child.output)) return child.output;
    return [child.output];
  };
  const files: Record<'SUCCEEDED' | 'FAILED' | 'PENDING', { Key: string; Size: number }[]> = { SUCCEEDED: [], FAILED: [], PENDING: [] };
  const put = async (key: string, body: string) => {
    await s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: body, ContentType: 'application/json' }));
    return { Key: key, Size: Buffer.byteLength(body) };
  };
  const groups: ['SUCCEEDED' | 'FAILED' | 'PENDING', WrittenChild[]][] = [
    ['SUCCEEDED', children.filter((c) => !c.failure && c.output !== undefined)],
    ['FAILED', children.filter((c) => c.failure)],
    ['PENDING', children.filter((c) => !c.failure && c.output === undefined)],
  ];
  for (const [status, group] of groups) {
    if (group.length === 0 && status !== 'SUCCEEDED') continue;
    const entries = group.flatMap((c) => entry(c, status));
    const body = jsonl ? entries.map((e) => JSON.stringify(e)).join('\n') + (entries.length ? '\n' : '') : JSON.stringify(entries);
    files[status].push(await put(`${prefix}/${status}_0.json`, body));
  }
  const manifestKey = `${prefix}/manifest.json`;
  await put(manifestKey, JSON.stringify({ DestinationBucket: bucket, MapRunArn: mapRunArn, ResultFiles: files }));
  return { MapRunArn: mapRunArn, ResultWriterDetails: { Bucket: bucket, Key: manifestKey } };
}
