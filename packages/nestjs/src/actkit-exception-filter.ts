import { isActkitError, problemFromError } from '@actkit/core/server';
import { type ArgumentsHost, Catch } from '@nestjs/common';
import { BaseExceptionFilter } from '@nestjs/core';
import { type NestResponse, nodeResponse, writeNestResponse } from './nest-response.js';

/**
 * Answers errors @actkit/core throws in your own controllers (a failed `tasks.retrieve`, a rejected input)
 * with the same RFC 9457 problem+json as the actkit routes, with no key, provider host or provider message
 * in it. Anything else goes to Nest's default handling. Use it per controller
 * (`@UseFilters(ActkitExceptionFilter)`) or globally (`app.useGlobalFilters(new ActkitExceptionFilter(
 * app.get(HttpAdapterHost).httpAdapter))`). Works on the Express and the Fastify platform.
 */
@Catch()
export class ActkitExceptionFilter extends BaseExceptionFilter {
  override catch(exception: unknown, host: ArgumentsHost): void {
    if (host.getType() !== 'http' || !isActkitError(exception)) {
      super.catch(exception, host);
      return;
    }
    const res = host.switchToHttp().getResponse<NestResponse>();
    if (nodeResponse(res).headersSent) {
      nodeResponse(res).end();
      return;
    }
    void writeNestResponse(res, problemFromError(exception));
  }
}
