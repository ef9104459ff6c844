// The client in the app's own code: @InjectActkit() in a service, ActkitExceptionFilter on a controller,
// on both platforms.
import type { ActkitClient } from '@actkit/core';
import { type Emulator, startEmulator } from '@actkit/emulator';
import { ActkitExceptionFilter, ActkitModule, InjectActkit } from '@actkit/nestjs';
import {
  BadRequestException,
  Body,
  Controller,
  Get,
  Inject,
  Injectable,
  Module,
  Param,
  Post,
  UseFilters,
} from '@nestjs/common';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, platforms, type RunningApp, startApp, validInput } from './nest-app.js';

const apiKey = 'sk-user-controllers-0123456789';

@Injectable()
class RendersService {
  constructor(@InjectActkit() private readonly actkit: ActkitClient) {}
  start(input: unknown) {
    return this.actkit.characterPerformance.create(input as never);
  }
  read(id: string) {
    return this.actkit.tasks.retrieve(id);
  }
}

@Controller('renders')
@UseFilters(ActkitExceptionFilter)
class RendersController {
  constructor(@Inject(RendersService) private readonly renders: RendersService) {}

  @Post()
  async start(@Body() input: unknown) {
    return { id: (await this.renders.start(input)).id };
  }

  @Get('refused')
  refused() {
    throw new BadRequestException('not an actkit error');
  }

  @Get(':id')
  async read(@Param('id') id: string) {
    const task = await this.renders.read(id);
    return { status: task.status };
  }
}

let emulator: Emulator;
beforeAll(async () => {
  emulator = await startEmulator({ taskMs: 200, apiKey });
});
afterAll(() => emulator?.close());

describe.each(platforms)('%s platform', (platform) => {
  let running: RunningApp;
  beforeAll(async () => {
    @Module({
      imports: [ActkitModule.forRoot({ apiKey, baseUrl: emulator.url })],
      controllers: [RendersController],
      providers: [RendersService],
    })
    class AppModule {}
    running = await startApp(AppModule, () => {}, platform);
  });
  afterAll(() => running?.close());

  describe('@InjectActkit() in a user service', () => {
    it('creates and reads a task upstream through the injected client', async () => {
      const created = await call(`${running.url}/renders`, { body: validInput });
      expect(created.status, created.text).toBe(201);
      expect(emulator.stats.tasksCreated).toBeGreaterThan(0);
      const read = await call(`${running.url}/renders/${created.json.id}`);
      expect(read.status).toBe(200);
      expect(read.json.status).toEqual(expect.any(String));
    });
  });

  describe('ActkitExceptionFilter on a user controller', () => {
    const expectProblem = (answer: { status: number; headers: Headers; json: unknown }, status: number) => {
      expect(answer.status).toBe(status);
      expect(answer.headers.get('content-type')).toContain('application/problem+json');
      expect(answer.json).toMatchObject({ status, type: expect.any(String), title: expect.any(String) });
    };

    it('a task the provider does not know → 404 problem', async () => {
      const answer = await call(`${running.url}/renders/no-such-task`);
      expectProblem(answer, 404);
      expect(answer.text).not.toContain(apiKey);
      expect(answer.text).not.toContain(emulator.url);
    });

    it('input core rejects → 400 problem with errors[], nothing sent upstream', async () => {
      const before = emulator.stats.requests;
      const answer = await call(`${running.url}/renders`, { body: { character: validInput.character } });
      expectProblem(answer, 400);
      expect(answer.json.errors.map((e: { path: string }) => e.path)).toContain('reference');
      expect(emulator.stats.requests).toBe(before);
    });

    it('other errors keep Nest’s own handling', async () => {
      const answer = await call(`${running.url}/renders/refused`);
      expect(answer.status).toBe(400);
      expect(answer.headers.get('content-type')).toContain('application/json');
      expect(answer.json).toMatchObject({ statusCode: 400, message: 'not an actkit error' });
    });

    it('works as a global filter too', async () => {
      @Controller('global')
      class GlobalController {
        constructor(@InjectActkit() private readonly actkit: ActkitClient) {}
        @Get(':id')
        read(@Param('id') id: string) {
          return this.actkit.tasks.retrieve(id);
        }
      }
      @Module({
        imports: [ActkitModule.forRoot({ apiKey, baseUrl: emulator.url })],
        controllers: [GlobalController],
      })
      class GlobalModule {}
      const { HttpAdapterHost } = await import('@nestjs/core');
      const app = await startApp(
        GlobalModule,
        (nest) => nest.useGlobalFilters(new ActkitExceptionFilter(nest.get(HttpAdapterHost).httpAdapter)),
        platform,
      );
      try {
        expectProblem(await call(`${app.url}/global/no-such-task`), 404);
        expect((await call(`${app.url}/nowhere`)).json).toMatchObject({ statusCode: 404 });
      } finally {
        await app.close();
      }
    });
  });
});
