/**
 * Why the quality engine refused its input. Domain code throws this, never an HTTP exception; a
 * service that exposes aggregation maps the codes onto the application's error codes.
 */
export const QualityErrorCode = {
  VOTES_INVALID: 'QUALITY_VOTES_INVALID',
  OPTIONS_INVALID: 'QUALITY_OPTIONS_INVALID',
} as const;

export type QualityErrorCode = (typeof QualityErrorCode)[keyof typeof QualityErrorCode];

export class QualityError extends Error {
  constructor(
    readonly code: QualityErrorCode,
    message: string,
  ) {
    super(message);
    this.name = new.target.name;
  }
}
