import type { ValidationErrorMessage } from 'react-admin';
import { EPOCH_MODES, type EpochMode } from '../types';

export const MIN_EXPIRY_DAYS = 1;
export const MAX_EXPIRY_DAYS = 365;
export const DEFAULT_EXPIRY_DAYS = 30;

export interface CloseEpochValues {
  mode?: EpochMode | null;
  expiresInDays?: number | null;
}

export type CloseEpochErrors = Partial<Record<keyof CloseEpochValues, ValidationErrorMessage>>;

/** The API's CloseEpochDto rules: a mode, and a whole number of days from 1 to 365. */
export function validateCloseEpoch(values: CloseEpochValues): CloseEpochErrors {
  const errors: CloseEpochErrors = {};
  if (values.mode == null || !EPOCH_MODES.includes(values.mode)) errors.mode = 'tessera.admin.epochs.validation.mode';
  const days = values.expiresInDays;
  if (typeof days !== 'number' || !Number.isInteger(days) || days < MIN_EXPIRY_DAYS || days > MAX_EXPIRY_DAYS) {
    errors.expiresInDays = {
      message: 'tessera.admin.epochs.validation.expiresInDays',
      args: { min: MIN_EXPIRY_DAYS, max: MAX_EXPIRY_DAYS },
    };
  }
  return errors;
}
