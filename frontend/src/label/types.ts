import type { Schemas } from '../api';

/**
 * What the annotator app reads from the API, and the results it sends back: aliases of the types
 * generated from the OpenAPI document (`src/api/schema.ts`), whose result shapes are those of the
 * server's `label-schema.ts`.
 */

export type ProjectType = Schemas['ProjectType'];

/** As an annotator sees it: without the quality-check settings. */
export type Project = Schemas['ProjectDto'];

export type Progress = Schemas['ProgressDto'];

/** Item fields as imported; the widgets read `text`, `image`, `width` and `height`, anything else is shown as-is. */
export type ItemData = Schemas['AssignmentItemDto']['data'];

/** An item leased to this annotator. `item.id` is an opaque reference, not the database id; `item.files`: signed URLs of its stored files by CID. */
export type Assignment = Schemas['AssignmentDto'];

/** A labeled stretch of `data.text`: UTF-16 offsets, end exclusive. */
export type Span = Schemas['SpanDto'];

/** A rectangle in natural image pixels. */
export type Box = Schemas['BoxDto'];

export type LabelResult = Schemas['SubmitDto']['result'];
