// The demo's own endpoints (/api/demo/info, /api/demo/samples) as a Nest controller: the same answers as the
// Express flavour's demo-routes.ts.
import { Controller, Get, Header, Inject } from '@nestjs/common';
import type { DemoInfo, SampleAssets } from '../../shared/demo-api.js';

export const DEMO_SETUP = Symbol('DEMO_SETUP');

export interface DemoSetup {
  info: DemoInfo;
  samples: SampleAssets;
}

@Controller('api/demo')
export class DemoController {
  // The token is named: no decorator metadata is emitted here (see tsconfig), so Nest cannot infer it.
  constructor(@Inject(DEMO_SETUP) private readonly setup: DemoSetup) {}

  @Get('info')
  info(): DemoInfo {
    return this.setup.info;
  }

  @Get('samples')
  @Header('cache-control', 'private, max-age=3600')
  samples(): SampleAssets {
    return this.setup.samples;
  }
}
