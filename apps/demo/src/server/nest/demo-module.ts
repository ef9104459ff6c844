// The Nest flavour's root module: @actkit/nestjs's ActkitModule serves the actkit contract at api/actkit
// (where the Express flavour mounts createActkitRouter), next to the demo's own controller.
import { ActkitModule } from '@actkit/nestjs';
import { type DynamicModule, Module } from '@nestjs/common';
import { sessionIdOf } from '../browser-session.js';
import type { PreparedDemo } from '../prepare-demo.js';
import { logTaskSettled } from '../task-settled-log.js';
import { DEMO_SETUP, DemoController } from './demo-controller.js';

/** Where the page expects the contract: the same path on both flavours. */
export const actkitRoutePrefix = 'api/actkit';

/** The root module class; what it holds is given by `demoModule`. */
@Module({})
export class DemoModule {}

export function demoModule({ upstream, info, samples, state }: PreparedDemo): DynamicModule {
  return {
    module: DemoModule,
    imports: [
      ActkitModule.forRoot({
        client: upstream.client,
        authorize: sessionIdOf,
        secret: state.handleSecret,
        pollIntervalMs: upstream.pollIntervalMs,
        store: state.store,
        onTaskSettled: logTaskSettled,
        routePrefix: actkitRoutePrefix,
      }),
    ],
    controllers: [DemoController],
    providers: [{ provide: DEMO_SETUP, useValue: { info, samples } }],
  };
}
