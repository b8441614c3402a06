import type { ValidationErrorMessage } from 'react-admin';
import { PROJECT_STATUSES, PROJECT_TYPES, type ProjectStatus, type ProjectType } from '../types';
import { labelsProblem } from './labels';

/** The API's token amount: digits, optionally a point and 1-18 decimals (`0`, `0.5`, `12.000001`). */
export const TOKEN_AMOUNT = /^(0|[1-9]\d{0,17})(\.\d{1,18})?$/;
export const MAX_NAME_LENGTH = 200;
export const MAX_INSTRUCTIONS_LENGTH = 50_000;
export const MIN_OVERLAP = 1;
export const MAX_OVERLAP = 50;
export const MIN_LEASE_SECONDS = 10;
export const MAX_GOLD_RATE = 0.5;
export const MAX_QUALIFICATION_SIZE = 50;

export interface ProjectFormValues {
  name?: string | null;
  type?: ProjectType | null;
  labels?: string[] | null;
  overlap?: number | null;
  maxOverlap?: number | null;
  targetConfidence?: number | null;
  goldRate?: number | null;
  qualificationSize?: number | null;
  qualificationMinAccuracy?: number | null;
  leaseSeconds?: number | null;
  rewardPerLabel?: string | null;
  /** Empty (null): no limit. */
  rewardBudget?: string | null;
  instructions?: string | null;
  status?: ProjectStatus | null;
}

export type ProjectFormErrors = Partial<Record<keyof ProjectFormValues, ValidationErrorMessage>>;

function isWholeNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value);
}

/**
 * The schema builder's rules, checked together because they depend on each other (labels on the
 * type). The same rules as the API's DTOs, so a form that passes here is not refused for its shape.
 */
export function validateProjectForm(values: ProjectFormValues): ProjectFormErrors {
  const errors: ProjectFormErrors = {};
  const name = values.name?.trim() ?? '';
  if (name === '') errors.name = 'tessera.admin.projects.validation.nameRequired';
  else if (name.length > MAX_NAME_LENGTH) {
    errors.name = { message: 'tessera.admin.projects.validation.nameTooLong', args: { max: MAX_NAME_LENGTH } };
  }

  const type = values.type ?? undefined;
  if (type === undefined || !PROJECT_TYPES.includes(type)) errors.type = 'tessera.admin.projects.validation.typeRequired';

  const labelsError = labelsProblem(type && PROJECT_TYPES.includes(type) ? type : undefined, values.labels ?? []);
  if (labelsError) errors.labels = labelsError;

  if (!isWholeNumber(values.overlap) || values.overlap < MIN_OVERLAP || values.overlap > MAX_OVERLAP) {
    errors.overlap = { message: 'tessera.admin.projects.validation.overlap', args: { min: MIN_OVERLAP, max: MAX_OVERLAP } };
  }

  // Empty quality settings mean the server's defaults.
  if (values.maxOverlap != null) {
    const least = isWholeNumber(values.overlap) ? values.overlap : MIN_OVERLAP;
    if (!isWholeNumber(values.maxOverlap) || values.maxOverlap < least || values.maxOverlap > MAX_OVERLAP) {
      errors.maxOverlap = { message: 'tessera.admin.projects.validation.maxOverlap', args: { max: MAX_OVERLAP } };
    }
  }
  if (values.targetConfidence != null && !(values.targetConfidence >= 0.5 && values.targetConfidence <= 1)) {
    errors.targetConfidence = 'tessera.admin.projects.validation.targetConfidence';
  }
  if (values.goldRate != null && !(values.goldRate >= 0 && values.goldRate <= MAX_GOLD_RATE)) {
    errors.goldRate = 'tessera.admin.projects.validation.goldRate';
  }
  if (
    values.qualificationSize != null &&
    (!isWholeNumber(values.qualificationSize) || values.qualificationSize < 0 || values.qualificationSize > MAX_QUALIFICATION_SIZE)
  ) {
    errors.qualificationSize = { message: 'tessera.admin.projects.validation.qualificationSize', args: { max: MAX_QUALIFICATION_SIZE } };
  }
  if (values.qualificationMinAccuracy != null && !(values.qualificationMinAccuracy >= 0 && values.qualificationMinAccuracy <= 1)) {
    errors.qualificationMinAccuracy = 'tessera.admin.projects.validation.qualificationMinAccuracy';
  }

  // Empty means "the server's default lease".
  if (values.leaseSeconds != null && (!isWholeNumber(values.leaseSeconds) || values.leaseSeconds < MIN_LEASE_SECONDS)) {
    errors.leaseSeconds = { message: 'tessera.admin.projects.validation.leaseSeconds', args: { min: MIN_LEASE_SECONDS } };
  }

  const reward = values.rewardPerLabel ?? '';
  if (reward.trim() === '') errors.rewardPerLabel = 'tessera.admin.projects.validation.rewardRequired';
  else if (!TOKEN_AMOUNT.test(reward)) errors.rewardPerLabel = 'tessera.admin.projects.validation.reward';

  // Empty means "no limit".
  if (values.rewardBudget != null && values.rewardBudget !== '' && !TOKEN_AMOUNT.test(values.rewardBudget)) {
    errors.rewardBudget = 'tessera.admin.projects.validation.rewardBudget';
  }

  if ((values.instructions ?? '').length > MAX_INSTRUCTIONS_LENGTH) {
    errors.instructions = { message: 'tessera.admin.projects.validation.instructionsTooLong', args: { max: MAX_INSTRUCTIONS_LENGTH } };
  }

  if (values.status != null && !PROJECT_STATUSES.includes(values.status))
    errors.status = 'tessera.admin.projects.validation.statusRequired';
  return errors;
}
