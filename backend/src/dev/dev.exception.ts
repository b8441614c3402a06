import { AppException, type ErrorCode } from '../errors/app.exception.js';

/** What the development helpers refuse: a real chain, a bad address, too many requests. */
export class DevException extends AppException<
  typeof ErrorCode.FAUCET_UNAVAILABLE | typeof ErrorCode.RATE_LIMITED | typeof ErrorCode.VALIDATION_FAILED
> {}
