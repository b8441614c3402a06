import { createHash } from 'node:crypto';
import { parse } from 'csv-parse/sync';
import { parquetMetadata } from 'hyparquet';
import { describe, expect, it } from 'vitest';
import { croissantMetadata, type BuiltFile } from './croissant.js';
import { exportWriters } from './formats.js';
import { hashing } from './hashing.js';
import { FIXTURES, META, sourceOf } from './dataset-records.fixture.js';

/** Builds every file of a fixture version, hashing while streaming, and keeps the bytes to check against. */
async function build(fixture: (typeof FIXTURES)[keyof typeof FIXTURES]): Promise<{ files: BuiltFile[]; bytes: Map<string, Buffer> }> {
  const files: BuiltFile[] = [];
  const bytes = new Map<string, Buffer>();
  for (const writer of exportWriters(fixture.schema)) {
    const hashed = hashing(writer.write(sourceOf(fixture.records), fixture.schema, META));
    const chunks: Uint8Array[] = [];
    for await (const chunk of hashed.chunks) chunks.push(chunk);
    bytes.set(writer.file.name, Buffer.concat(chunks));
    const { sha256, bytes: size } = hashed.digest();
    files.push({ ...writer.file, sha256, bytes: size, contentUrl: `${META.url}/files/${writer.file.name}` });
  }
  return { files, bytes };
}

/** The column names a tabular file actually has, read from the file. */
function columnsOf(format: string, content: Buffer): string[] {
  switch (format) {
    case 'csv': {
      const [header]: string[][] = parse(content.toString('utf8'), { to_line: 1 });
      return header!;
    }
    case 'parquet': {
      const buffer = content.buffer.slice(content.byteOffset, content.byteOffset + content.byteLength) as ArrayBuffer;
      return parquetMetadata(buffer)
        .schema.slice(1)
        .map((element) => element.name);
    }
    case 'jsonl':
      return Object.keys(JSON.parse(content.toString('utf8').split('\n')[0]!) as object);
    default:
      throw new Error(`not tabular: ${format}`);
  }
}

interface Field {
  '@type': string;
  '@id': string;
  dataType: string | string[];
  source?: { fileObject: { '@id': string }; extract: { column: string } };
  references?: { '@id': string };
}

describe('Croissant metadata', () => {
  it('has every property Croissant 1.0 requires of a dataset', async () => {
    const { files } = await build(FIXTURES.classification);
    const doc = croissantMetadata(META, FIXTURES.classification.schema, files);
    expect(doc['@type']).toBe('sc:Dataset');
    expect(doc['conformsTo']).toBe('http://mlcommons.org/croissant/1.0');
    const context = doc['@context'] as Record<string, unknown>;
    expect(context).toMatchObject({ '@vocab': 'https://schema.org/', cr: 'http://mlcommons.org/croissant/', conformsTo: 'dct:conformsTo' });
    for (const key of ['name', 'description', 'license', 'url', 'creator', 'datePublished']) expect(doc[key], key).toBeTruthy();
    expect(doc['license']).toBe('https://spdx.org/licenses/CC-BY-4.0.html');
    expect(doc['datePublished']).toBe(META.createdAt);
  });

  it('lists every file with the SHA-256 of its bytes, for every project type', async () => {
    for (const fixture of Object.values(FIXTURES)) {
      const { files, bytes } = await build(fixture);
      const doc = croissantMetadata(META, fixture.schema, files);
      const distribution = doc['distribution'] as Array<Record<string, unknown>>;
      expect(distribution.map((file) => file['@id'])).toEqual([...bytes.keys()]);
      for (const file of distribution) {
        const content = bytes.get(file['@id'] as string)!;
        expect(file['@type']).toBe('cr:FileObject');
        expect(file['sha256']).toBe(createHash('sha256').update(content).digest('hex'));
        expect(file['md5']).toBeUndefined();
        expect(file['contentSize']).toBe(`${content.byteLength} B`);
        // The formats mlcroissant reads records from, by the names it knows them.
        const format = files.find((f) => f.name === file['@id'])!.format;
        const known: Record<string, string> = { csv: 'text/csv', parquet: 'application/x-parquet', jsonl: 'application/jsonlines' };
        expect(file['encodingFormat']).toBe(known[format] ?? files.find((f) => f.name === file['@id'])!.mediaType);
        expect(file['contentUrl']).toEqual(expect.any(String));
      }
    }
  });

  it('describes each tabular file by fields whose sources are columns that file has', async () => {
    for (const fixture of Object.values(FIXTURES)) {
      const { files, bytes } = await build(fixture);
      const doc = croissantMetadata(META, fixture.schema, files);
      const ids = new Set<string>();
      const recordSets = doc['recordSet'] as Array<{ '@id': string; field: Field[] }>;
      const fileIds = new Set((doc['distribution'] as Array<{ '@id': string }>).map((file) => file['@id']));
      for (const id of [...fileIds, ...recordSets.flatMap((set) => [set['@id'], ...set.field.map((field) => field['@id'])])]) {
        expect(ids.has(id), `duplicate @id ${id}`).toBe(false);
        ids.add(id);
      }
      expect(recordSets.map((set) => set['@id'])).toEqual(['splits', 'parquet', 'csv', 'jsonl']);
      for (const set of recordSets.slice(1)) {
        const file = files.find((f) => f.format === set['@id'])!;
        const columns = columnsOf(file.format, bytes.get(file.name)!);
        for (const field of set.field) {
          expect(field['@type']).toBe('cr:Field');
          expect(field['@id'].startsWith(`${set['@id']}/`)).toBe(true);
          expect(field.source!.fileObject['@id']).toBe(file.name);
          expect(columns, `${file.name} has ${field.source!.extract.column}`).toContain(field.source!.extract.column);
          if (field.references) expect(ids.has(field.references['@id'])).toBe(true);
        }
        const label = set.field.filter((field) => Array.isArray(field.dataType) && field.dataType.includes('cr:Label'));
        expect(label.length).toBe(set['@id'] === 'jsonl' && !['classification', 'text'].includes(fixture.schema.projectType) ? 0 : 1);
      }
    }
  });
});
