// Written by `npm run migration:generate`: every migration, oldest first.
import type { MigrationInterface } from 'typeorm';
import { Migration as M0 } from './1795594999651-Initial.js';
import { Migration as M1 } from './1795596236396-DropProjectKeysOnHotTables.js';
import { Migration as M2 } from './1795599546897-QualityResultsAndGold.js';
import { Migration as M3 } from './1795599768746-DynamicOverlap.js';
import { Migration as M4 } from './1795600016529-Suspensions.js';
import { Migration as M5 } from './1795601027694-Reviews.js';
import { Migration as M6 } from './1795603339992-GoldMixingAndQualification.js';
import { Migration as M7 } from './1795604220975-RewardsLedgerEpochsChain.js';
import { Migration as M8 } from './1795606000000-BatchedLeases.js';
import { Migration as M9 } from './1795615159320-DropItemAndUserKeysOnHotTables.js';
import { Migration as M10 } from './1796290921027-PayoutRetriesAttemptsVoid.js';
import { Migration as M11 } from './1796290921028-LedgerRefusesTruncate.js';
import { Migration as M12 } from './1796290943434-ConfiguredRoles.js';
import { Migration as M13 } from './1796291165333-ServerTimePerLabel.js';
import { Migration as M14 } from './1796291165400-LeaseOutcomeAndNewAnnotatorCap.js';
import { Migration as M15 } from './1796306817556-LeaseTasksFromFile.js';
import { Migration as M16 } from './1796321358049-RenameLeaseTasksToLeaseAssignments.js';
import { Migration as M17 } from './1796322026875-DatasetVersions.js';
import { Migration as M18 } from './1796323870829-SyntheticRows.js';
import { Migration as M19 } from './1796324677868-DatasetPublications.js';
import { Migration as M20 } from './1796407928712-OceanIndex.js';
import { Migration as M21 } from './1796407995920-SalesRevenueShare.js';
import { Migration as M22 } from './1796408034229-ProviderNonces.js';
import { Migration as M23 } from './1796500000000-AnnotatorSuspensionReviewRequests.js';
import { Migration as M24 } from './1797100000000-AggregationRuns.js';
import { Migration as M25 } from './1797200000000-AnnotationSubmittedResult.js';

export const migrations: Array<new () => MigrationInterface> = [
  M0,
  M1,
  M2,
  M3,
  M4,
  M5,
  M6,
  M7,
  M8,
  M9,
  M10,
  M11,
  M12,
  M13,
  M14,
  M15,
  M16,
  M17,
  M18,
  M19,
  M20,
  M21,
  M22,
  M23,
  M24,
  M25,
];
