import { Inject, Injectable } from '@nestjs/common';
import { bearerToken, type RequestWithCaller } from '../auth/auth.decorators.js';
import { SessionsService } from '../auth/sessions.service.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { ErrorCode } from '../errors/app.exception.js';
import { readImageInfo } from '../storage/domain/image-info.js';
import { isCid, STORAGE_PORT, StorageNotFoundError, type StoragePort } from '../storage/storage.port.js';
import { CallersService } from '../users/callers.service.js';
import { FileUrls } from './domain/file-urls.js';
import { ItemException } from './items.exception.js';

export interface FileDownload {
  mime: string;
  size: number;
  /** How long the browser may keep it: until its URL expires. */
  maxAgeSeconds: number;
  body: AsyncIterable<Uint8Array>;
}

/** Stored files (item images), to the user a signed file URL was made for and to no one else. */
@Injectable()
export class FilesService {
  private readonly urls: FileUrls;

  constructor(
    @Inject(STORAGE_PORT) private readonly storage: StoragePort,
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly sessions: SessionsService,
    private readonly callers: CallersService,
  ) {
    this.urls = new FileUrls(config.jwtSecret, config.fileUrlTtlSeconds);
  }

  async open(cid: string, query: Record<string, unknown>, headers: RequestWithCaller['headers']): Promise<FileDownload> {
    if (!isCid(cid)) throw new ItemException(ErrorCode.VALIDATION_FAILED, 'not a CID', 'cid');
    const checked = this.urls.check(cid, query);
    if (!checked.ok) {
      if (checked.reason === 'expired')
        throw new ItemException(ErrorCode.FILE_URL_EXPIRED, 'This file URL has expired: reload the page for a new one');
      throw new ItemException(ErrorCode.FILE_URL_INVALID, 'File URLs are signed by the API for one user: this one is not valid');
    }
    const token = bearerToken(headers);
    if (token !== undefined && (await this.sessions.authenticate(token)).caller.id !== checked.userId) {
      throw new ItemException(ErrorCode.FILE_URL_INVALID, 'This file URL was made for another user');
    }
    if (!(await this.callers.current(checked.userId))) {
      throw new ItemException(ErrorCode.FILE_URL_INVALID, 'This file URL was made for an account that no longer exists');
    }
    const stat = await this.storage.stat(cid);
    if (!stat) throw new ItemException(ErrorCode.FILE_NOT_FOUND, `No file ${cid}`);
    const chunks = this.storage.cat(cid)[Symbol.asyncIterator]();
    let first: IteratorResult<Uint8Array>;
    try {
      first = await chunks.next();
    } catch (error) {
      if (error instanceof StorageNotFoundError) throw new ItemException(ErrorCode.FILE_NOT_FOUND, `No file ${cid}`);
      throw error;
    }
    const head = first.done ? new Uint8Array() : first.value;
    const body = (async function* () {
      if (!first.done) yield first.value;
      for (let next = await chunks.next(); !next.done; next = await chunks.next()) yield next.value;
    })();
    return {
      mime: readImageInfo(head)?.mime ?? 'application/octet-stream',
      size: stat.size,
      maxAgeSeconds: Math.max(0, Math.floor((checked.expiresAt.getTime() - Date.now()) / 1000)),
      body,
    };
  }
}
