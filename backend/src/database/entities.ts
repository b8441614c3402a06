import { AnnotationEntity } from '../annotations/annotation.entity.js';
import { AuthNonceEntity } from '../auth/auth-nonce.entity.js';
import { ItemEntity } from '../items/item.entity.js';
import { ProjectEntity } from '../projects/project.entity.js';
import { AssignmentEntity } from '../assignments/assignment.entity.js';
import { ItemResultEntity } from '../quality/item-result.entity.js';
import { QualificationEntity } from '../quality/qualification.entity.js';
import { ReviewEntity } from '../quality/review.entity.js';
import { SuspensionEntity } from '../quality/suspension.entity.js';
import { WorkerQualityEntity } from '../quality/worker-quality.entity.js';
import { UserEntity } from '../users/user.entity.js';
import { ChainStateEntity } from '../chain/chain-state.entity.js';
import { ChainTxAttemptEntity } from '../chain/chain-tx-attempt.entity.js';
import { ChainTxEntity } from '../chain/chain-tx.entity.js';
import { ClaimEntity } from '../rewards/claim.entity.js';
import { EpochAllocationEntity } from '../rewards/epoch-allocation.entity.js';
import { EpochEntity } from '../rewards/epoch.entity.js';
import { LedgerEntryEntity } from '../rewards/ledger-entry.entity.js';
import { DatasetFileEntity } from '../datasets/dataset-file.entity.js';
import { DatasetPublicationEntity } from '../datasets/dataset-publication.entity.js';
import { DatasetSyntheticRowEntity } from '../datasets/dataset-synthetic-row.entity.js';
import { DatasetVersionItemEntity } from '../datasets/dataset-version-item.entity.js';
import { DatasetVersionEntity } from '../datasets/dataset-version.entity.js';
import { ProviderNonceEntity } from '../provider/provider-nonce.entity.js';

export const entities = [
  UserEntity,
  AuthNonceEntity,
  ProjectEntity,
  ItemEntity,
  AssignmentEntity,
  AnnotationEntity,
  ItemResultEntity,
  WorkerQualityEntity,
  SuspensionEntity,
  ReviewEntity,
  QualificationEntity,
  LedgerEntryEntity,
  EpochEntity,
  EpochAllocationEntity,
  ClaimEntity,
  ChainTxEntity,
  ChainTxAttemptEntity,
  ChainStateEntity,
  DatasetVersionEntity,
  DatasetVersionItemEntity,
  DatasetFileEntity,
  DatasetSyntheticRowEntity,
  DatasetPublicationEntity,
  ProviderNonceEntity,
];
