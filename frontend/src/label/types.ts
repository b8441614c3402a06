/** What the annotator app reads from the API, and the results it sends back. */
export const PROJECT_TYPES = ['classification', 'multilabel', 'spans', 'boxes', 'text'] as const;
export type ProjectType = (typeof PROJECT_TYPES)[number];

export interface Project {
  id: number;
  name: string;
  type: ProjectType;
  labels: string[];
  overlap: number;
  leaseSeconds: number;
  rewardPerLabel: string;
  instructions: string;
  status: string;
}

export interface Progress {
  remaining: number;
  done: number;
}

/** Item fields the widgets understand; anything else is shown as-is. */
export interface ItemData {
  text?: unknown;
  image?: unknown;
  width?: unknown;
  height?: unknown;
  [field: string]: unknown;
}

export interface Task {
  assignmentId: number;
  /** `id` is an opaque reference, not the database id; `files`: signed URLs of its stored files by CID. */
  item: { id: string; data: ItemData; files?: Record<string, string> };
  expiresAt: string;
  draft?: unknown;
}

/** A labeled stretch of `data.text`: UTF-16 offsets, end exclusive. */
export interface Span {
  start: number;
  end: number;
  label: string;
}

/** A rectangle in natural image pixels. */
export interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
  label: string;
}

export type LabelResult = { label: string } | { labels: string[] } | { spans: Span[] } | { boxes: Box[] } | { text: string };
