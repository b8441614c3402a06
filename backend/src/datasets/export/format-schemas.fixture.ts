/**
 * JSON Schemas of the exchange formats, written from their documentation (not from our writers),
 * for the tests to validate exports with ajv.
 */

const integer = { type: 'integer' } as const;
const number = { type: 'number' } as const;
const string = { type: 'string' } as const;
const strings = { type: 'array', items: string } as const;

/**
 * COCO detection ground truth, as cocodataset.org/#format-data lists it ("Data format": info,
 * image, license, and the object-detection annotation and category) and pycocotools' COCO reads.
 */
export const COCO_SCHEMA = {
  type: 'object',
  required: ['images', 'annotations', 'categories'],
  properties: {
    info: {
      type: 'object',
      required: ['year', 'version', 'description', 'contributor', 'url', 'date_created'],
      properties: { year: integer, version: string, description: string, contributor: string, url: string, date_created: string },
    },
    licenses: {
      type: 'array',
      items: { type: 'object', required: ['id', 'name', 'url'], properties: { id: integer, name: string, url: string } },
    },
    images: {
      type: 'array',
      items: {
        type: 'object',
        required: ['id', 'width', 'height', 'file_name'],
        properties: {
          id: integer,
          width: { type: 'integer', minimum: 1 },
          height: { type: 'integer', minimum: 1 },
          file_name: { type: 'string', minLength: 1 },
          license: integer,
        },
      },
    },
    annotations: {
      type: 'array',
      items: {
        type: 'object',
        required: ['id', 'image_id', 'category_id', 'bbox', 'area', 'iscrowd'],
        properties: {
          id: integer,
          image_id: integer,
          category_id: integer,
          segmentation: { type: 'array' },
          area: { type: 'number', minimum: 0 },
          bbox: { type: 'array', items: { type: 'number', minimum: 0 }, minItems: 4, maxItems: 4 },
          iscrowd: { enum: [0, 1] },
        },
      },
    },
    categories: {
      type: 'array',
      items: { type: 'object', required: ['id', 'name'], properties: { id: integer, name: string, supercategory: string } },
    },
  },
} as const;

const percent = { type: 'number', minimum: 0, maximum: 100 } as const;

/**
 * One Label Studio result item (labelstud.io/guide/task_format "Relevant JSON property descriptions";
 * the value shapes of the Choices, Labels, RectangleLabels and TextArea tags in guide/export and
 * tags/*.md: image regions in percent of the original size).
 */
const LABEL_STUDIO_RESULT = {
  type: 'object',
  required: ['id', 'from_name', 'to_name', 'type', 'value'],
  properties: { id: string, from_name: string, to_name: string, type: { enum: ['choices', 'labels', 'rectanglelabels', 'textarea'] } },
  allOf: [
    {
      if: { properties: { type: { const: 'choices' } } },
      then: { properties: { value: { type: 'object', required: ['choices'], properties: { choices: { ...strings, minItems: 1 } } } } },
    },
    {
      if: { properties: { type: { const: 'labels' } } },
      then: {
        properties: {
          value: {
            type: 'object',
            required: ['start', 'end', 'labels'],
            properties: { start: { type: 'integer', minimum: 0 }, end: integer, text: string, labels: { ...strings, minItems: 1 } },
          },
        },
      },
    },
    {
      if: { properties: { type: { const: 'rectanglelabels' } } },
      then: {
        required: ['original_width', 'original_height'],
        properties: {
          original_width: { type: 'integer', minimum: 1 },
          original_height: { type: 'integer', minimum: 1 },
          image_rotation: number,
          value: {
            type: 'object',
            required: ['x', 'y', 'width', 'height', 'rectanglelabels'],
            properties: {
              x: percent,
              y: percent,
              width: percent,
              height: percent,
              rotation: number,
              rectanglelabels: { ...strings, minItems: 1 },
            },
          },
        },
      },
    },
    {
      if: { properties: { type: { const: 'textarea' } } },
      then: { properties: { value: { type: 'object', required: ['text'], properties: { text: { ...strings, minItems: 1 } } } } },
    },
  ],
} as const;

/** Label Studio's JSON import: a list of tasks with `data`, optional annotations and predictions (guide/tasks, guide/predictions). */
export const LABEL_STUDIO_SCHEMA = {
  type: 'array',
  items: {
    type: 'object',
    required: ['data'],
    properties: {
      id: integer,
      data: { type: 'object' },
      meta: { type: 'object' },
      annotations: {
        type: 'array',
        items: {
          type: 'object',
          required: ['result'],
          properties: {
            id: integer,
            result: { type: 'array', items: LABEL_STUDIO_RESULT },
            completed_by: integer,
            lead_time: { type: 'number', minimum: 0 },
            was_cancelled: { type: 'boolean' },
            ground_truth: { type: 'boolean' },
          },
        },
      },
      predictions: {
        type: 'array',
        items: {
          type: 'object',
          required: ['result'],
          properties: {
            model_version: string,
            score: { type: 'number', minimum: 0, maximum: 1 },
            result: { type: 'array', items: LABEL_STUDIO_RESULT },
          },
        },
      },
    },
  },
} as const;
