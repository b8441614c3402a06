import type { RaRecord } from 'react-admin';
import { enumValues, type Schemas } from '../api';

/**
 * The console's names for the API's records and enumerations: aliases of the types generated from
 * the OpenAPI document (`src/api/schema.ts`), records joined with react-admin's `RaRecord`. The value
 * lists are for choices and filters; each must list exactly the server's values or it fails to compile.
 */

export type ProjectType = Schemas['ProjectType'];
export const PROJECT_TYPES = enumValues<ProjectType>()(['classification', 'multilabel', 'spans', 'boxes', 'text']);

export type ProjectStatus = Schemas['ProjectStatus'];
export const PROJECT_STATUSES = enumValues<ProjectStatus>()(['draft', 'active', 'paused', 'completed']);

export type ItemStatus = Schemas['ItemStatus'];
export const ITEM_STATUSES = enumValues<ItemStatus>()(['open', 'in_progress', 'completed']);

export type Role = Schemas['Role'];
export const ROLES = enumValues<Role>()(['annotator', 'reviewer', 'admin', 'buyer']);

export type ProjectStats = Schemas['ProjectStatsDto'];
/** Annotators get no quality-check settings (goldRate, qualification*, rewardBudget); managers always do. */
export type Project = Schemas['ProjectDto'] & RaRecord<number>;

export type ItemMedia = Schemas['ItemMediaDto'];
export type Item = Schemas['ItemDto'] & RaRecord<number>;

/** `itemId` is the item's id, except for annotators reading their own labels (an opaque reference). */
export type Annotation = Schemas['AnnotationDto'] & RaRecord<number>;

/** Every submitted label still counts or was discarded (suspension, rejected review). */
export type AnnotationStatus = Schemas['AnnotationStatus'];
export const ANNOTATION_STATUSES = enumValues<AnnotationStatus>()(['counted', 'discarded']);

export type User = Schemas['UserDto'] & RaRecord<number>;

export type ImportRejection = Schemas['ImportRejectionDto'];
export type ImportResult = Schemas['ImportResultDto'];

export type DashboardStats = Schemas['DashboardDto'];

export type QualityStatus = keyof Schemas['QualityStatusCountsDto'];
export const QUALITY_STATUSES = enumValues<QualityStatus>()(['confident', 'needs_more_labels', 'needs_review']);

export type WorkerQuality = Schemas['WorkerQualityDto'];
/** `GET /api/projects/:id/quality`: the last aggregation of a project's labels (null fields until one ran). */
export type ProjectQuality = Schemas['ProjectQualityDto'];

export type ReviewOutcome = Schemas['ReviewOutcome'];
export const REVIEW_OUTCOMES = enumValues<ReviewOutcome>()(['accepted', 'rejected', 'fixed_and_accepted']);

export type ReviewLabel = Schemas['ReviewLabelDto'];
/** `GET /api/review`: an item waiting for a reviewer (its id is the item's). */
export type ReviewItem = Schemas['ReviewItemDto'] &
  RaRecord<number> & {
    /** Set in the browser while an accept or reject can still be undone (before the request leaves). */
    decision?: ReviewOutcome;
  };
export type ReviewDecision = Schemas['ReviewDecidedDto'];

/** Why an annotator was suspended: the rule that fired, with its measurements. */
export type SuspensionReason = Schemas['SuspensionDto']['reasons'][number];
export type SuspensionRule = SuspensionReason['rule'];
export const SUSPENSION_RULES = enumValues<SuspensionRule>()(['too_fast', 'straight_lining', 'gold_failures', 'admin']);

export type Suspension = Schemas['SuspensionDto'] & RaRecord<number>;

/** An annotator's score in one project from its last aggregation. */
export type AnnotatorProjectScore = Schemas['AnnotatorProjectScoreDto'];
export type AnnotatorProject = Schemas['AnnotatorProjectDto'];
/** One UTC day of an annotator's labels, measured against the item results and gold answers. */
export type AnnotatorQualityDay = Schemas['AnnotatorQualityDayDto'];
/** Rows: the true label (gold, else inferred); columns: the annotator's label. */
export type AnnotatorConfusion = Schemas['AnnotatorConfusionDto'];
export type AnnotatorSuspension = Schemas['AnnotatorSuspensionDto'];
/** `GET /api/annotators/:id/quality?projectId=`: days and confusion follow the filter; projects and suspensions do not. */
export type AnnotatorQuality = Schemas['AnnotatorQualityDto'];

export type EpochMode = Schemas['EpochMode'];
export const EPOCH_MODES = enumValues<EpochMode>()(['claim', 'push']);

export type EpochStatus = Schemas['EpochStatus'];
export const EPOCH_STATUSES = enumValues<EpochStatus>()(['closed', 'posted', 'paid', 'swept', 'failed', 'voided']);

/** A payout epoch: the credits it closed over, its Merkle root once built, its chain state. Amounts are decimal token strings. */
export type Epoch = Schemas['EpochDto'] & RaRecord<number>;

export type LedgerKind = Schemas['LedgerKind'];
export const LEDGER_KINDS = enumValues<LedgerKind>()(['reward', 'reversal', 'adjustment', 'sale_share']);

/** A row of the append-only rewards ledger (its id is a bigint, sent as a string). */
export type LedgerEntry = Schemas['LedgerEntryDto'] & RaRecord<string>;

export type PayoutStatus = Schemas['PayoutStatus'];
export const PAYOUT_STATUSES = enumValues<PayoutStatus>()(['intent', 'signed', 'confirmed', 'failed', 'cancelled']);

export type PayoutLane = Schemas['PayoutLane'];
export const PAYOUT_LANES = enumValues<PayoutLane>()(['payout', 'relay']);

/** A chain transaction the platform sends (the outbox): an epoch's post, a push batch, a relayed claim. */
export type Payout = Schemas['PayoutTxDto'] & RaRecord<number>;

export type ProjectBudget = Schemas['BudgetDto'];
/** `GET /api/chain`: the token, the distributor, the operator's gas money and the project budgets. */
export type ChainInfo = Schemas['ChainInfoDto'];

export type DatasetStatus = Schemas['DatasetStatus'];
export const DATASET_STATUSES = enumValues<DatasetStatus>()(['building', 'ready', 'failed']);

export type DatasetKind = Schemas['DatasetKind'];
export const DATASET_KINDS = enumValues<DatasetKind>()(['curated', 'synthetic']);

export type DatasetFile = Schemas['DatasetFileDto'];
/** A dataset version: immutable once built; `files` and `datasheet` appear when it is ready. */
export type Dataset = Schemas['DatasetDto'] & RaRecord<number>;
