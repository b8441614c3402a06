import { AppException, type ErrorCode } from '../errors/app.exception.js';

/** What the users module refuses: unknown users, taken addresses, deleting someone with work, locking oneself out. */
export class UserException extends AppException<
  typeof ErrorCode.USER_NOT_FOUND | typeof ErrorCode.USER_ADDRESS_TAKEN | typeof ErrorCode.USER_HAS_WORK | typeof ErrorCode.FORBIDDEN
> {}
