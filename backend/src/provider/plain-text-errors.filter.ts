import { Catch, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import { AppExceptionFilter } from '../errors/app-exception.filter.js';
import { AppException } from '../errors/app.exception.js';
import { ProviderRefusal } from './provider.exception.js';

/**
 * Every refusal on Ocean Node's service paths is plain text, as Ocean Node answers and ocean.js reads
 * them, the ones raised before the provider's own code runs (the query DTOs' validation) included.
 */
@Catch(AppException)
export class PlainTextErrorsFilter implements ExceptionFilter {
  private readonly errors = new AppExceptionFilter();

  catch(error: AppException, host: ArgumentsHost): void {
    this.errors.catch(error.plainText ? error : new ProviderRefusal(error), host);
  }
}
