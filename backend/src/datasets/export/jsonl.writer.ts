import type { ExportWriter, RecordSource } from './export-writer.js';

const encoder = new TextEncoder();

/** One JSON object per line: the record as the API shows it. */
export const jsonlWriter: ExportWriter = {
  file: { name: 'data.jsonl', format: 'jsonl', mediaType: 'application/jsonlines' },
  async *write(records: RecordSource) {
    for await (const record of records()) yield encoder.encode(JSON.stringify(record) + '\n');
  },
};
