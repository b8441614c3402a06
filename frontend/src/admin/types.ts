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
  maxOverlap: number;
  targetConfidence: number;
  /** Share of tasks that are gold items. */
  goldRate: number;
  /** Gold items a new annotator answers before their labels count; 0: no qualification. */
  qualificationSize: number;
  qualificationMinAccuracy: number;
  leaseSeconds: number;
  /** Tokens per accepted label, a decimal string (never a float). */
  rewardPerLabel: string;
  /** Most tokens the project pays in all, a decimal string; null: no limit. */
  rewardBudget?: string | null;
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
  /** Signed, short-lived URLs of the item's stored files by CID, for the signed-in user. */
  files?: Record<string, string>;
  overlap: number;
  annotationCount: number;
  status: ItemStatus;
  createdAt: string;
  /** A gold item's known answer (checked against annotators' labels); null for ordinary items. */
  gold?: unknown;
}

export interface Annotation extends RaRecord<number> {
  projectId: number;
  itemId: number;
  annotatorId: number;
  annotatorAddress: string;
  result: unknown;
  /** As the client reported it: a hint. */
  leadTimeMs: number;
  /** Lease to submit, as the server measured it (what the anti-cheat rules read); null without a lease. */
  serverTimeMs: number | null;
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

export const QUALITY_STATUSES = ['confident', 'needs_more_labels', 'needs_review'] as const;
export type QualityStatus = (typeof QUALITY_STATUSES)[number];

export interface WorkerQuality {
  annotatorId: number;
  address: string;
  labels: number;
  /** 0..1 */
  accuracy: number;
  goldSeen: number;
  goldCorrect: number;
}

/** `GET /api/projects/:id/quality`: the last aggregation of a project's labels (null fields until one ran). */
export interface ProjectQuality {
  computedAt: string | null;
  method: string | null;
  statuses: Partial<Record<QualityStatus, number>>;
  krippendorffAlpha: number | null;
  fleissKappa: number | null;
  /** Ten buckets over 0..1. */
  confidenceHistogram: Array<{ from: number; to: number; items: number }>;
  workers: WorkerQuality[];
}

export const REVIEW_OUTCOMES = ['accepted', 'rejected', 'fixed_and_accepted'] as const;
export type ReviewOutcome = (typeof REVIEW_OUTCOMES)[number];

export interface ReviewLabel {
  annotationId: number;
  annotatorId: number;
  annotatorAddress: string;
  result: unknown;
}

/** `GET /api/review`: an item waiting for a reviewer (its id is the item's). */
export interface ReviewItem extends RaRecord<number> {
  projectId: number;
  data: Record<string, unknown>;
  /** Signed, short-lived URLs of the item's stored files by CID. */
  files?: Record<string, string>;
  /** What the aggregation inferred. */
  result: unknown;
  /** 0..1 */
  confidence: number;
  labels: ReviewLabel[];
}

export interface ReviewDecision {
  itemId: number;
  outcome: ReviewOutcome;
}

export const SUSPENSION_RULES = ['too_fast', 'straight_lining', 'gold_failures', 'admin'] as const;
export type SuspensionRule = (typeof SUSPENSION_RULES)[number];

/** Why an annotator was suspended: the rule that fired, with its measurements. */
export interface SuspensionReason {
  rule: SuspensionRule;
  [measurement: string]: unknown;
}

export interface Suspension extends RaRecord<number> {
  annotatorId: number;
  annotatorAddress: string;
  projectId: number | null;
  reasons: SuspensionReason[];
  active: boolean;
  createdAt: string;
  liftedAt: string | null;
  liftedBy: number | null;
}

/** An annotator's score in one project from its last aggregation. */
export interface AnnotatorProjectScore {
  labels: number;
  /** 0..1, agreement with the inferred answers */
  accuracy: number;
  goldSeen: number;
  goldCorrect: number;
  /** 0..1; null without gold items */
  goldAccuracy: number | null;
  computedAt: string;
}

export interface AnnotatorProject {
  projectId: number;
  projectName: string;
  projectType: ProjectType;
  /** Labels that count. */
  submitted: number;
  /** Labels discarded when the annotator was suspended. */
  discarded: number;
  /** null until an aggregation counted the labels. */
  score: AnnotatorProjectScore | null;
}

/** One UTC day of an annotator's labels, measured against the item results and gold answers. */
export interface AnnotatorQualityDay {
  /** `2026-11-25` */
  day: string;
  labels: number;
  discarded: number;
  compared: number;
  agreed: number;
  /** 0..1; null when no label of the day has an aggregated result */
  agreement: number | null;
  goldSeen: number;
  goldCorrect: number;
  /** 0..1; null without gold items that day */
  goldAccuracy: number | null;
}

/** Rows: the true label (gold, else inferred); columns: the annotator's label. */
export interface AnnotatorConfusion {
  projectId: number;
  projectName: string;
  labels: string[];
  counts: number[][];
  total: number;
  correct: number;
}

export interface AnnotatorSuspension {
  id: number;
  projectId: number | null;
  projectName: string | null;
  reasons: SuspensionReason[];
  active: boolean;
  createdAt: string;
  liftedAt: string | null;
  liftedBy: number | null;
  liftedByAddress: string | null;
}

/** `GET /api/annotators/:id/quality?projectId=`: days and confusion follow the filter; projects and suspensions do not. */
export interface AnnotatorQuality {
  annotatorId: number;
  address: string;
  projectId: number | null;
  projects: AnnotatorProject[];
  days: AnnotatorQualityDay[];
  confusion: AnnotatorConfusion[];
  suspensions: AnnotatorSuspension[];
}

export const EPOCH_MODES = ['claim', 'push'] as const;
export type EpochMode = (typeof EPOCH_MODES)[number];

export const EPOCH_STATUSES = ['closed', 'posted', 'paid', 'swept', 'failed', 'voided'] as const;
export type EpochStatus = (typeof EPOCH_STATUSES)[number];

/** A payout epoch: the credits it closed over, its Merkle root once built, its chain state. Amounts are decimal token strings. */
export interface Epoch extends RaRecord<number> {
  mode: EpochMode;
  status: EpochStatus;
  total: string;
  /** `total` in the token's smallest unit (18 decimals). */
  totalWei: string;
  recipients: number;
  root: string | null;
  expiresAt: string;
  createdAt: string;
  postedAt: string | null;
  claimedCount: number;
  claimedAmount: string;
  postTxHash: string | null;
  /** When an admin gave it up after it failed: its unpaid shares are due again. */
  voidedAt: string | null;
  /** Its transactions not settled yet. */
  pendingTxs: number;
  /** Some of them hit errors (RPC down, out of gas, ...) and are being retried: not failed. */
  retrying: boolean;
  /** Why it failed, or the latest error of a transaction being retried. */
  lastError: string | null;
}

export const LEDGER_KINDS = ['reward', 'reversal', 'adjustment'] as const;
export type LedgerKind = (typeof LEDGER_KINDS)[number];

/** A row of the append-only rewards ledger (its id is a bigint, sent as a string). */
export interface LedgerEntry extends RaRecord<string> {
  annotatorId: number;
  address: string;
  projectId: number | null;
  projectName: string | null;
  annotationId: number | null;
  kind: LedgerKind;
  amount: string;
  /** The trust multiplier applied, in basis points (10000 = 1x). */
  multiplierBps: number | null;
  createdAt: string;
}

export const PAYOUT_STATUSES = ['intent', 'signed', 'confirmed', 'failed', 'cancelled'] as const;

export const PAYOUT_LANES = ['payout', 'relay'] as const;
export type PayoutLane = (typeof PAYOUT_LANES)[number];
export type PayoutStatus = (typeof PAYOUT_STATUSES)[number];

/** A chain transaction the platform sends (the outbox): an epoch's post, a push batch, a relayed claim. */
export interface Payout extends RaRecord<number> {
  /** e.g. `epoch:3:post`, `epoch:4:batch:0`, `claim:3:17`. */
  purpose: string;
  /** payout: epochs and push batches; relay: gas-free claims, sent on their own. */
  lane: PayoutLane;
  status: PayoutStatus;
  /** The latest version signed, or the one mined. */
  hash: string | null;
  /** Versions signed: more than one when a stuck transaction was replaced with higher fees. */
  versions: number;
  sender: string | null;
  nonce: number | null;
  blockNumber: number | null;
  gasUsed: number | null;
  /** Why it failed for good. */
  error: string | null;
  /** Tries that went wrong; the transaction stays pending and is retried. */
  attempts: number;
  lastError: string | null;
  /** Not tried again before. */
  nextAttemptAt: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface ProjectBudget {
  projectId: number;
  name: string;
  /** null: no limit. */
  budget: string | null;
  credited: string;
  /** Credited plus reserved for labels in progress. */
  committed: string;
}

/** `GET /api/chain`: the token, the distributor, the operator's gas money and the project budgets. */
export interface ChainInfo {
  chainId: number;
  rpcUrl: string;
  blockNumber: number;
  operator: string;
  /** The operator's ETH, for gas. */
  operatorEth: string;
  token: { address: string; name: string; symbol: string; totalSupply: string };
  distributor: { address: string; balance: string };
  budgets: ProjectBudget[];
}
