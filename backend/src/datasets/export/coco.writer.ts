import { itemShapeOf } from '../../projects/domain/label-schema.js';
import type { DatasetMeta, DatasetRecord, DatasetSchema } from '../domain/dataset-record.js';
import { textChunks } from './chunks.js';
import type { ExportWriter, RecordSource } from './export-writer.js';

/**
 * COCO object detection ground truth (cocodataset.org/#format-data; the keys pycocotools' `COCO`
 * reads): `{info, licenses, images, annotations, categories}`.
 *
 * - images: one per record with an image size, `id` its 1-based position among them, `file_name`
 *   the stored file's name (else the item's `image` reference), `width`/`height` in pixels, plus
 *   `record_id` and `split` (extra keys COCO readers ignore; one file holds all three splits);
 * - annotations: one per accepted box, `bbox` `[x, y, w, h]` in pixels from the top-left corner as
 *   Tessera stores boxes (label-schema.ts validates them in pixels against the image size),
 *   `area` = w·h, `iscrowd` 0, `segmentation` [] (boxes only);
 * - categories: the schema's labels in order, ids from 1.
 *
 * JSON cannot interleave the two arrays, so the records are read twice: images, then annotations.
 */
export const cocoWriter: ExportWriter = {
  file: { name: 'coco.json', format: 'coco', mediaType: 'application/json' },
  write(records: RecordSource, schema: DatasetSchema, meta: DatasetMeta) {
    return textChunks(cocoText(records, schema, meta));
  },
};

interface CocoImage {
  file_name: string;
  width: number;
  height: number;
}

/** The image a record's boxes are drawn on, or null when its size is unknown (no box can be placed). */
function cocoImage(record: DatasetRecord): CocoImage | null {
  const shape = itemShapeOf(record.data, record.media);
  if (shape.width === undefined || shape.height === undefined) return null;
  const reference = record.data['image'];
  const fileName = record.media?.fileName ?? (typeof reference === 'string' ? reference : record.id);
  return { file_name: fileName, width: shape.width, height: shape.height };
}

async function* cocoText(records: RecordSource, schema: DatasetSchema, meta: DatasetMeta): AsyncGenerator<string> {
  const created = new Date(meta.createdAt);
  const head = {
    info: {
      description: meta.description || meta.name,
      url: meta.url,
      version: String(meta.versionId),
      year: created.getUTCFullYear(),
      contributor: meta.creator,
      date_created: meta.createdAt,
    },
    licenses: [{ id: 1, name: meta.license, url: `https://spdx.org/licenses/${meta.license}.html` }],
    categories: schema.labels.map((name, i) => ({ id: i + 1, name, supercategory: 'none' })),
  };
  const categoryIds = new Map(schema.labels.map((name, i) => [name, i + 1]));
  yield JSON.stringify(head).slice(0, -1) + ',"images":[';

  let imageId = 0;
  for await (const record of records()) {
    const image = cocoImage(record);
    if (!image) continue;
    imageId += 1;
    const entry = { id: imageId, ...image, license: 1, record_id: record.id, split: record.split };
    yield (imageId > 1 ? ',\n' : '\n') + JSON.stringify(entry);
  }
  yield '\n],"annotations":[';

  imageId = 0;
  let annotationId = 0;
  for await (const record of records()) {
    if (!cocoImage(record)) continue;
    imageId += 1;
    const boxes = 'boxes' in record.answer ? record.answer.boxes : [];
    for (const box of boxes) {
      const categoryId = categoryIds.get(box.label);
      if (categoryId === undefined) continue;
      annotationId += 1;
      const annotation = {
        id: annotationId,
        image_id: imageId,
        category_id: categoryId,
        bbox: [box.x, box.y, box.w, box.h],
        area: box.w * box.h,
        iscrowd: 0,
        segmentation: [],
      };
      yield (annotationId > 1 ? ',\n' : '\n') + JSON.stringify(annotation);
    }
  }
  yield '\n]}\n';
}
