import type { ServerResponse } from 'node:http';
import { isActkitError, problemFromError, writeNodeResponse } from '@actkit/core/server';
import { type ArgumentsHost, Catch } from '@nestjs/common';
import { BaseExceptionFilter } from '@nestjs/core';

/**
 * Answers errors @actkit/core throws in your own controllers (a failed `tasks.retrieve`, a rejected input)
 * with the same RFC 9457 problem+json as the actkit routes, with no key, provider host or provider message
 * in it. Anything else goes to Nest's default handling. Use it per controller
 * (`@UseFilters(ActkitExceptionFilter)`) or globally (`app.useGlobalFilters(new ActkitExceptionFilter(
 * app.get(HttpAdapterHost).httpAdapter))`). Express platform: it writes Node's response.
 */
@Catch()
export class ActkitExceptionFilter extends BaseExceptionFilter {
  override catch(exception: unknown, host: ArgumentsHost): void {
    if (host.getType() !== 'http' || !isActkitError(exception)) {
      super.catch(exception, host);
      return;
    }
    const res = host.switchToHttp().getResponse<ServerResponse>();
    if (res.headersSent) {
      res.end();
      return;
    }
    const problem = problemFromError(exception);
    void writeNodeResponse(res, problem);
  }
}
