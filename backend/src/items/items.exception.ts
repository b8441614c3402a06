import { AppException, type ErrorCode } from '../errors/app.exception.js';

/** What the items module refuses: item edits, imports and file downloads. */
export class ItemException extends AppException<
  // items
  | typeof ErrorCode.ITEM_NOT_FOUND
  | typeof ErrorCode.ITEM_INVALID
  | typeof ErrorCode.ITEM_EXTERNAL_ID_TAKEN
  | typeof ErrorCode.ITEM_HAS_ANNOTATIONS
  | typeof ErrorCode.PROJECT_NOT_FOUND
  | typeof ErrorCode.VALIDATION_FAILED
  // imports: the upload itself
  | typeof ErrorCode.PAYLOAD_TOO_LARGE
  | typeof ErrorCode.UNSUPPORTED_MEDIA_TYPE
  | typeof ErrorCode.MALFORMED_REQUEST
  // files behind signed URLs
  | typeof ErrorCode.FILE_NOT_FOUND
  | typeof ErrorCode.FILE_URL_INVALID
  | typeof ErrorCode.FILE_URL_EXPIRED
> {}
