import { AppException, type ErrorCode } from '../errors/app.exception.js';

/** What the rewards module refuses: closing, voiding and sweeping epochs, proofs and claims. */
export class RewardsException extends AppException<
  | typeof ErrorCode.NOTHING_TO_PAY
  | typeof ErrorCode.EPOCH_NOT_FOUND
  | typeof ErrorCode.EPOCH_INVALID_STATE
  | typeof ErrorCode.EPOCH_NOT_FAILED
  | typeof ErrorCode.EPOCH_TX_IN_FLIGHT
  | typeof ErrorCode.EPOCH_ROOT_POSTED
  | typeof ErrorCode.CLAIM_NOT_AVAILABLE
  | typeof ErrorCode.RELAY_BELOW_MINIMUM
  | typeof ErrorCode.RELAY_DAILY_CAP_REACHED
  | typeof ErrorCode.CHAIN_UNAVAILABLE
> {}
