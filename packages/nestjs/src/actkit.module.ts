import { Module } from '@nestjs/common';
import { ConfigurableActkitModule } from './actkit-module-definition.js';

/**
 * `ActkitModule.forRoot({ client | apiKey/baseUrl, authorize, routePrefix, secret, limits, … })` or
 * `ActkitModule.forRootAsync({ imports, inject, useFactory, routePrefix })`. Provides the client
 * (`@InjectActkit()`); with a `routePrefix` it also serves the browser contract there.
 */
@Module({})
export class ActkitModule extends ConfigurableActkitModule {}
