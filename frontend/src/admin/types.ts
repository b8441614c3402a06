import type { RaRecord } from 'react-admin';

/** The API's records and enumerations, as `/api` sends them (see README "Using the API"). */

export const PROJECT_TYPES = ['classification', 'multilabel', 'spans', 'boxes', 'text'] as const;
export type ProjectType = (typeof PROJECT_TYPES)[number];

export const PROJECT_STATUSES = ['draft', 'active', 'paused', 'completed'] as const;
export type ProjectStatus = (typeof PROJECT_STATUSES)[number];

export const ITEM_STATUSES = ['open', 'in_progress', 'completed'] as const;
export type ItemStatus = (typeof ITEM_STATUSES)[number];

export const ROLES = ['annotator', 'reviewer', 'admin', 'buyer'] as const;
export type Role = (typeof ROLES)[number];

export interface ProjectStats {
  items: number;
  completedItems: number;
  annotations: number;
}

export interface Project extends RaRecord<number> {
  name: string;
  type: ProjectType;
  labels: string[];
  overlap: number;
  leaseSeconds: number;
  /** Tokens per accepted label, a decimal string (never a float). */
  rewardPerLabel: string;
  instructions: string;
  status: ProjectStatus;
  createdAt: string;
  updatedAt: string;
  stats?: ProjectStats;
}

export interface ItemMedia {
  cid?: string;
  mime?: string;
  width?: number;
  height?: number;
}

export interface Item extends RaRecord<number> {
  projectId: number;
  externalId: string | null;
  data: Record<string, unknown>;
  media: ItemMedia | null;
  overlap: number;
  annotationCount: number;
  status: ItemStatus;
  createdAt: string;
}

export interface Annotation extends RaRecord<number> {
  projectId: number;
  itemId: number;
  annotatorId: number;
  annotatorAddress: string;
  result: unknown;
  leadTimeMs: number;
  createdAt: string;
}

export interface User extends RaRecord<number> {
  address: string;
  roles: Role[];
  createdAt: string;
  lastSignInAt: string | null;
}

export interface ImportRejection {
  line: number;
  file?: string;
  message: string;
}

export interface ImportResult {
  imported: number;
  duplicates: number;
  rejected: ImportRejection[];
  rejectedCount: number;
  rejectedTruncated?: boolean;
}

export interface DashboardStats {
  labelsPerDay: Array<{ day: string; labels: number }>;
  activeAnnotators: { today: number; last7Days: number; last30Days: number };
  totals: { projects: number; items: number; annotations: number; annotators: number };
  projects: Array<{ id: number; name: string; status: string; items: number; completedItems: number; annotations: number }>;
}
