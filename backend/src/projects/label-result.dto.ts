import { ApiExtraModels, ApiProperty, getSchemaPath, type ApiPropertyOptions } from '@nestjs/swagger';
import type { Box, LabelResult, Span } from './domain/label-schema.js';

/**
 * The result shapes of `label-schema.ts` as OpenAPI schemas (one per project type), so the browser's
 * generated types carry them. Documentation only: `validateResult` is what checks a result.
 */

export class SpanDto implements Span {
  @ApiProperty({ minimum: 0, description: 'UTF-16 offset into data.text' }) start: number;
  @ApiProperty({ description: 'UTF-16 offset, exclusive' }) end: number;
  @ApiProperty() label: string;
}

export class BoxDto implements Box {
  @ApiProperty({ description: 'Left edge, natural image pixels' }) x: number;
  @ApiProperty({ description: 'Top edge, natural image pixels' }) y: number;
  @ApiProperty() w: number;
  @ApiProperty() h: number;
  @ApiProperty() label: string;
}

export class ClassificationResultDto {
  @ApiProperty() label: string;
}

export class MultilabelResultDto {
  @ApiProperty({ type: [String], description: "In the project's label order" }) labels: string[];
}

export class SpansResultDto {
  @ApiProperty({ type: [SpanDto], description: 'Sorted by start, then end' }) spans: SpanDto[];
}

export class BoxesResultDto {
  @ApiProperty({ type: [BoxDto] }) boxes: BoxDto[];
}

export class TextResultDto {
  @ApiProperty() text: string;
}

const RESULT_MODELS = [ClassificationResultDto, MultilabelResultDto, SpansResultDto, BoxesResultDto, TextResultDto] as const;

type Documented = InstanceType<(typeof RESULT_MODELS)[number]>;
// Both ways assignable: a result shape added to (or changed in) label-schema.ts fails to compile here until documented.
const _documentsEveryShape = (result: LabelResult): Documented => result;
const _documentsNoOtherShape = (result: Documented): LabelResult => result;

/** A property holding a label result of the project's type; decorate its class with `@DocumentsLabelResults()`. */
export function labelResultProperty(options: { description?: string; nullable?: boolean } = {}): ApiPropertyOptions {
  return {
    description: 'By project type: {label} | {labels} | {spans: [{start, end, label}]} | {boxes: [{x, y, w, h, label}]} | {text}',
    ...options,
    oneOf: RESULT_MODELS.map((model) => ({ $ref: getSchemaPath(model) })),
  };
}

/** Registers the result schemas that `labelResultProperty` refers to. */
export const DocumentsLabelResults = (): ClassDecorator => ApiExtraModels(...RESULT_MODELS);
