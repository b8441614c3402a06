import type { ChipProps } from '@mui/material';
import { choicesOf } from '../ChoiceChip';
import { PROJECT_STATUSES, PROJECT_TYPES, type ProjectStatus } from '../types';

export const PROJECT_TYPE_PREFIX = 'tessera.admin.choices.projectType';
export const PROJECT_STATUS_PREFIX = 'tessera.admin.choices.projectStatus';

export const projectTypeChoices = choicesOf(PROJECT_TYPES, PROJECT_TYPE_PREFIX);
export const projectStatusChoices = choicesOf(PROJECT_STATUSES, PROJECT_STATUS_PREFIX);

export const projectStatusColors: Record<ProjectStatus, ChipProps['color']> = {
  draft: 'default',
  active: 'success',
  paused: 'warning',
  completed: 'info',
};
