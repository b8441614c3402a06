import { AppException, type ErrorCode } from '../errors/app.exception.js';

/** What the ocean module refuses: Ocean unknown on this chain, requests that do not make an asset. */
export class OceanException extends AppException<typeof ErrorCode.OCEAN_NOT_CONFIGURED | typeof ErrorCode.VALIDATION_FAILED> {}
