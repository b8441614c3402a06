import { AnnotationEntity } from '../annotations/annotation.entity.js';
import { AuthNonceEntity } from '../auth/auth-nonce.entity.js';
import { ItemEntity } from '../items/item.entity.js';
import { ProjectEntity } from '../projects/project.entity.js';
import { AssignmentEntity } from '../assignments/assignment.entity.js';
import { AggregationRunEntity } from '../quality/aggregation-run.entity.js';
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
import { OceanAssetEntity } from '../indexer/ocean-asset.entity.js';
import { OceanDatatokenEntity } from '../indexer/ocean-datatoken.entity.js';
import { OceanEventEntity } from '../indexer/ocean-event.entity.js';
import { OceanOrderEntity } from '../indexer/ocean-order.entity.js';
import { OceanPriceEntity } from '../indexer/ocean-price.entity.js';
import { FaucetGrantEntity } from '../dev/faucet-grant.entity.js';
import { ListingChangeEntity } from '../sales/listing-change.entity.js';
import { SaleShareEntity } from '../sales/sale-share.entity.js';
import { SaleEntity } from '../sales/sale.entity.js';
import { SalesSettingEntity } from '../sales/sales-setting.entity.js';
import { ProviderNonceEntity } from '../provider/provider-nonce.entity.js';

export const entities = [
  UserEntity,
  AuthNonceEntity,
  ProjectEntity,
  ItemEntity,
  AssignmentEntity,
  AnnotationEntity,
  ItemResultEntity,
  AggregationRunEntity,
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
  OceanEventEntity,
  OceanAssetEntity,
  OceanDatatokenEntity,
  OceanPriceEntity,
  OceanOrderEntity,
  SaleEntity,
  SaleShareEntity,
  SalesSettingEntity,
  ListingChangeEntity,
  FaucetGrantEntity,
  ProviderNonceEntity,
];
