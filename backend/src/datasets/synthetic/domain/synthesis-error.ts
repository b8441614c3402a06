/**
 * Why the synthesizer refused its input. Domain code throws this, never an HTTP exception; the
 * datasets service maps the codes onto its own exception.
 */
export const SynthesisErrorCode = {
  UNSUPPORTED_PROJECT_TYPE: 'SYNTHESIS_UNSUPPORTED_PROJECT_TYPE',
  NOT_ENOUGH_ROWS: 'SYNTHESIS_NOT_ENOUGH_ROWS',
  OPTIONS_INVALID: 'SYNTHESIS_OPTIONS_INVALID',
  // The records were not read to the end, so the report (computed over all of them) cannot be.
  INCOMPLETE: 'SYNTHESIS_INCOMPLETE',
  // The text endpoint (SYNTH_LLM_URL) failed or answered something that is not texts.
  GENERATOR_FAILED: 'SYNTHESIS_GENERATOR_FAILED',
} as const;

export type SynthesisErrorCode = (typeof SynthesisErrorCode)[keyof typeof SynthesisErrorCode];

export class SynthesisError extends Error {
  constructor(
    readonly code: SynthesisErrorCode,
    message: string,
  ) {
    super(message);
    this.name = new.target.name;
  }
}
