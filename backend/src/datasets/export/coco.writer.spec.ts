import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { cocoWriter } from './coco.writer.js';
import { BOXES, META, sourceOf } from './dataset-records.fixture.js';
import { COCO_SCHEMA } from './format-schemas.fixture.js';

interface Coco {
  images: Array<{ id: number; file_name: string; width: number; height: number; record_id: string; split: string }>;
  annotations: Array<{ id: number; image_id: number; category_id: number; bbox: number[]; area: number; iscrowd: number }>;
  categories: Array<{ id: number; name: string }>;
}

async function exportCoco(): Promise<{ coco: Coco; reads: number }> {
  const source = sourceOf(BOXES.records);
  const chunks: Uint8Array[] = [];
  for await (const chunk of cocoWriter.write(source, BOXES.schema, META)) chunks.push(chunk);
  return { coco: JSON.parse(Buffer.concat(chunks).toString('utf8')) as Coco, reads: source.reads };
}

describe('COCO export', () => {
  it('validates against the COCO format schema', async () => {
    const { coco } = await exportCoco();
    const validate = new Ajv({ allErrors: true, strict: false }).compile(COCO_SCHEMA);
    expect(validate(coco), JSON.stringify(validate.errors)).toBe(true);
  });

  it('has a schema that rejects what COCO readers cannot take', () => {
    const validate = new Ajv({ strict: false }).compile(COCO_SCHEMA);
    const valid = { images: [{ id: 1, file_name: 'a.jpg', width: 2, height: 2 }], categories: [{ id: 1, name: 'cat' }] };
    const annotation = { id: 1, image_id: 1, category_id: 1, bbox: [0, 0, 1, 1], area: 1, iscrowd: 0 };
    expect(validate({ ...valid, annotations: [annotation] })).toBe(true);
    expect(validate({ ...valid, annotations: [{ ...annotation, bbox: [0, 0, 1] }] })).toBe(false);
    expect(validate({ ...valid, annotations: [{ ...annotation, image_id: undefined }] })).toBe(false);
    expect(validate({ ...valid, annotations: [], images: [{ id: 1, file_name: 'a.jpg', width: 0.5, height: 2 }] })).toBe(false);
  });

  it('lists the images with their pixel sizes and the stored file names, reading the records twice', async () => {
    const { coco, reads } = await exportCoco();
    expect(reads).toBe(2);
    expect(coco.images).toEqual([
      { id: 1, file_name: 'cat-41.jpg', width: 640, height: 480, license: 1, record_id: 'B-1', split: 'train' },
      { id: 2, file_name: 'https://img.example/dog.png', width: 200, height: 100, license: 1, record_id: 'B-2', split: 'validation' },
      { id: 3, file_name: 'empty-43.jpg', width: 300, height: 300, license: 1, record_id: 'B-3', split: 'test' },
    ]);
    expect(coco.categories).toEqual([
      { id: 1, name: 'cat', supercategory: 'none' },
      { id: 2, name: 'dog', supercategory: 'none' },
    ]);
  });

  it('writes each accepted box as a pixel bbox [x, y, w, h] on its image, with its area and category', async () => {
    const { coco } = await exportCoco();
    const images = new Map(coco.images.map((image) => [image.id, image]));
    const categories = new Map(coco.categories.map((category) => [category.id, category.name]));
    const written = coco.annotations.map((annotation) => ({
      record: images.get(annotation.image_id)!.record_id,
      label: categories.get(annotation.category_id),
      bbox: annotation.bbox,
      area: annotation.area,
      iscrowd: annotation.iscrowd,
    }));
    const expected = BOXES.records.flatMap((record) =>
      'boxes' in record.answer
        ? record.answer.boxes.map((box) => ({
            record: record.id,
            label: box.label,
            bbox: [box.x, box.y, box.w, box.h],
            area: box.w * box.h,
            iscrowd: 0,
          }))
        : [],
    );
    expect(written).toEqual(expected);
    expect(new Set(coco.annotations.map((annotation) => annotation.id)).size).toBe(coco.annotations.length);
    // Every box lies inside its image, in pixels.
    for (const annotation of coco.annotations) {
      const image = images.get(annotation.image_id)!;
      const [x, y, w, h] = annotation.bbox as [number, number, number, number];
      expect(x + w).toBeLessThanOrEqual(image.width);
      expect(y + h).toBeLessThanOrEqual(image.height);
    }
  });
});
