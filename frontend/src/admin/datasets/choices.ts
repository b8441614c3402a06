import type { ChipProps } from '@mui/material';
import { choicesOf } from '../ChoiceChip';
import { DATASET_KINDS, DATASET_STATUSES, type DatasetStatus } from '../types';

export const DATASET_STATUS_PREFIX = 'tessera.admin.choices.datasetStatus';
export const DATASET_KIND_PREFIX = 'tessera.admin.choices.datasetKind';

export const datasetStatusChoices = choicesOf(DATASET_STATUSES, DATASET_STATUS_PREFIX);
export const datasetKindChoices = choicesOf(DATASET_KINDS, DATASET_KIND_PREFIX);

export const datasetStatusColors: Record<DatasetStatus, ChipProps['color']> = {
  building: 'info',
  ready: 'success',
  failed: 'error',
};

/**
 * Licences offered first when building a version (SPDX identifiers the data world uses most); the
 * field takes any SPDX identifier, which the server checks against the full list.
 */
export const COMMON_LICENSES = [
  'CC-BY-4.0',
  'CC-BY-SA-4.0',
  'CC0-1.0',
  'CC-BY-NC-4.0',
  'CC-BY-NC-SA-4.0',
  'CDLA-Permissive-2.0',
  'CDLA-Sharing-1.0',
  'ODC-By-1.0',
  'ODbL-1.0',
  'PDDL-1.0',
  'Apache-2.0',
  'MIT',
] as const;
