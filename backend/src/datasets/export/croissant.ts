import { SPLITS, type DatasetMeta, type DatasetSchema } from '../domain/dataset-record.js';
import { recordColumns, type ColumnType, type RecordColumn } from './columns.js';
import type { ExportFileSpec } from './export-writer.js';

/**
 * MLCommons Croissant 1.0 metadata (docs/croissant-spec.md at mlcommons/croissant, "Format
 * Specification Version 1.0", 2024-03-01): the dataset's required schema.org properties, every
 * built file as a `cr:FileObject` with its SHA-256, and for each tabular file (Parquet, CSV, JSONL)
 * a `cr:RecordSet` whose fields extract its columns (columns.ts). The answer field is typed
 * `cr:Label`; `split` refers to a `cr:Split` enumeration of the three splits.
 *
 * Not an ExportWriter: it needs the other files' hashes, so it is built after them.
 */
export const croissantFile: ExportFileSpec = { name: 'croissant.json', format: 'croissant', mediaType: 'application/ld+json' };

/** A file of the version once written: what Croissant's FileObject says of it. */
export interface BuiltFile extends ExportFileSpec {
  bytes: number;
  /** Hex SHA-256 of the file's bytes (before any encryption). */
  sha256: string;
  /** Where the file is downloaded from. */
  contentUrl: string;
}

/**
 * The spec's Appendix 1 context, with the terms its own 1.0 example datasets (datasets/1.0/*)
 * declare besides and this document uses: the `cr` and `dct` prefixes the appendix's terms expand
 * with, `conformsTo`, `citeAs`, `fileObject`, `key`, `md5`.
 */
export const CROISSANT_CONTEXT = {
  '@language': 'en',
  '@vocab': 'https://schema.org/',
  citeAs: 'cr:citeAs',
  column: 'cr:column',
  conformsTo: 'dct:conformsTo',
  cr: 'http://mlcommons.org/croissant/',
  data: { '@id': 'cr:data', '@type': '@json' },
  dataType: { '@id': 'cr:dataType', '@type': '@vocab' },
  dct: 'http://purl.org/dc/terms/',
  extract: 'cr:extract',
  field: 'cr:field',
  fileProperty: 'cr:fileProperty',
  fileObject: 'cr:fileObject',
  fileSet: 'cr:fileSet',
  format: 'cr:format',
  includes: 'cr:includes',
  isEnumeration: 'cr:isEnumeration',
  isLiveDataset: 'cr:isLiveDataset',
  jsonPath: 'cr:jsonPath',
  key: 'cr:key',
  md5: 'cr:md5',
  ml: 'http://mlcommons.org/schema/',
  parentField: 'cr:parentField',
  path: 'cr:path',
  recordSet: 'cr:recordSet',
  references: 'cr:references',
  regex: 'cr:regex',
  repeated: 'cr:repeated',
  replace: 'cr:replace',
  sc: 'https://schema.org/',
  separator: 'cr:separator',
  source: 'cr:source',
  subField: 'cr:subField',
  transform: 'cr:transform',
} as const;

export const CROISSANT_CONFORMS_TO = 'http://mlcommons.org/croissant/1.0';

const FILE_DESCRIPTIONS: Record<string, string> = {
  jsonl: 'One JSON object per record: the columns below, nested answers as arrays, and every annotator\'s label under "annotations".',
  csv: 'One row per record with a header row; nested answers as JSON text.',
  parquet: 'Apache Parquet, one row per record, typed columns; nested answers as JSON text.',
  coco: 'COCO object-detection ground truth: images, annotations (bbox [x, y, w, h] in pixels), categories.',
  conll: 'CoNLL-2003 layout: token -X- -X- IOB2-tag per line, a blank line between sentences, -DOCSTART- per record.',
  'label-studio': "Label Studio JSON tasks: annotators' labels as annotations, the accepted answer as a prediction.",
};

/**
 * Where Croissant's loader names a format differently from IANA: mlcroissant's `EncodingFormat`
 * (python/mlcroissant/.../core/constants.py) and Hugging Face's generated Croissant know Parquet as
 * `application/x-parquet`, not the registered `application/vnd.apache.parquet` the download serves.
 */
const CROISSANT_ENCODING: Record<string, string> = { parquet: 'application/x-parquet' };

/** Files whose columns a RecordSet describes, in the order the record sets are listed. */
const TABULAR = ['parquet', 'csv', 'jsonl'] as const;

function dataType(type: ColumnType): string {
  switch (type) {
    case 'string':
    case 'json':
      return 'sc:Text';
    case 'double':
      return 'sc:Float';
    case 'int':
      return 'sc:Integer';
    case 'boolean':
      return 'sc:Boolean';
    default: {
      const unreachable: never = type;
      return unreachable;
    }
  }
}

function field(recordSet: string, file: BuiltFile, column: RecordColumn): object {
  return {
    '@type': 'cr:Field',
    '@id': `${recordSet}/${column.name}`,
    name: column.name,
    description: column.description,
    dataType: column.isLabel ? [dataType(column.type), 'cr:Label'] : dataType(column.type),
    source: { fileObject: { '@id': file.name }, extract: { column: column.name } },
    ...(column.name === 'split' ? { references: { '@id': 'splits/name' } } : {}),
  };
}

/** The version's `croissant.json` document. */
export function croissantMetadata(meta: DatasetMeta, schema: DatasetSchema, files: readonly BuiltFile[]): Record<string, unknown> {
  const columns = recordColumns(schema);
  const license = `https://spdx.org/licenses/${meta.license}.html`;
  const year = new Date(meta.createdAt).getUTCFullYear();
  const recordSets = TABULAR.flatMap((format) => {
    const file = files.find((f) => f.format === format);
    if (!file) return [];
    // In JSONL nested answers are arrays, not the JSON text the other files hold: not a sc:Text field.
    const described = format === 'jsonl' ? columns.filter((column) => column.type !== 'json') : columns;
    return [
      {
        '@type': 'cr:RecordSet',
        '@id': format,
        name: format,
        description: `The records of ${file.name}, one per item.`,
        key: { '@id': `${format}/id` },
        field: described.map((column) => field(format, file, column)),
      },
    ];
  });
  return {
    '@context': CROISSANT_CONTEXT,
    '@type': 'sc:Dataset',
    name: meta.name,
    description: meta.description.trim() || `${meta.name}: ${schema.projectType} labels accepted on Tessera.`,
    conformsTo: CROISSANT_CONFORMS_TO,
    license,
    url: meta.url,
    creator: { '@type': 'sc:Organization', name: meta.creator },
    datePublished: meta.createdAt,
    version: `${meta.versionId}.0.0`,
    citeAs: `@misc{tessera_${meta.versionId}, title={${meta.name}}, author={${meta.creator}}, year={${year}}, url={${meta.url}}}`,
    keywords: [schema.projectType, ...schema.labels],
    distribution: files.map((file) => ({
      '@type': 'cr:FileObject',
      '@id': file.name,
      name: file.name,
      description: FILE_DESCRIPTIONS[file.format] ?? file.format,
      contentUrl: file.contentUrl,
      contentSize: `${file.bytes} B`,
      encodingFormat: CROISSANT_ENCODING[file.format] ?? file.mediaType,
      sha256: file.sha256,
    })),
    recordSet: [
      {
        '@type': 'cr:RecordSet',
        '@id': 'splits',
        name: 'splits',
        description: 'The splits the version is cut into.',
        dataType: 'cr:Split',
        key: { '@id': 'splits/name' },
        field: [
          { '@type': 'cr:Field', '@id': 'splits/name', name: 'name', dataType: 'sc:Text' },
          { '@type': 'cr:Field', '@id': 'splits/url', name: 'url', dataType: 'sc:URL' },
        ],
        data: SPLITS.map((split) => ({
          'splits/name': split,
          'splits/url': { train: 'cr:TrainingSplit', validation: 'cr:ValidationSplit', test: 'cr:TestSplit' }[split],
        })),
      },
      ...recordSets,
    ],
  };
}
