import { AppException, type ErrorCode } from '../errors/app.exception.js';

/** What the datasets module refuses: unknown versions and files, files of versions not ready, synthetic data it cannot make, bad input and ranges. */
export class DatasetException extends AppException<
  | typeof ErrorCode.DATASET_NOT_FOUND
  | typeof ErrorCode.DATASET_FILE_NOT_FOUND
  | typeof ErrorCode.DATASET_NOT_READY
  | typeof ErrorCode.SYNTHETIC_UNSUPPORTED
  | typeof ErrorCode.DATASET_ALREADY_PUBLISHED
  | typeof ErrorCode.OCEAN_NOT_CONFIGURED
  | typeof ErrorCode.RANGE_NOT_SATISFIABLE
  | typeof ErrorCode.PROJECT_NOT_FOUND
  | typeof ErrorCode.VALIDATION_FAILED
> {}
