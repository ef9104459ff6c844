import * as z from 'zod';
import type { Fault, Route } from './types.js';

/** What a request is, for fault matching. 'other' (outputs, unknown paths) never matches a fault. */
export type RouteClass = 'create' | 'getTask' | 'deleteTask' | 'other';

const route = z.enum(['create', 'getTask', 'any']).optional();
const times = z.int().min(1).optional();

/** The shape accepted by POST /__emulator/faults, mirroring the Fault type. */
export const zFault = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('status'),
    route,
    status: z.int().min(100).max(599),
    retryAfter: z.number().min(0).optional(),
    retryAfterMs: z.number().min(0).optional(),
    code: z.string().optional(),
    message: z.string().optional(),
    param: z.string().nullable().optional(),
    afterCreate: z.boolean().optional(),
    times,
  }),
  z.strictObject({ kind: z.literal('latency'), route, ms: z.number().min(0), times }),
  z.strictObject({ kind: z.literal('reset'), route, when: z.enum(['before', 'after']), times }),
  z.strictObject({ kind: z.literal('html'), route, status: z.int().min(100).max(599).optional(), times }),
  z.strictObject({ kind: z.literal('redirect'), route, times }),
  z.strictObject({
    kind: z.literal('reply'),
    route,
    status: z.int().min(100).max(599).optional(),
    contentType: z.string().optional(),
    body: z.string().optional(),
    json: z.unknown().optional(),
    headers: z.record(z.string(), z.string()).optional(),
    times,
  }),
]);

function matches(faultRoute: Route | undefined, request: RouteClass): boolean {
  if (request === 'other') return false;
  const wanted = faultRoute ?? 'any';
  return wanted === 'any' || wanted === request;
}

/** A FIFO of faults; each request takes the first fault whose route matches it, once per `times`. */
export class FaultQueue {
  private queue: { fault: Fault; left: number }[] = [];

  inject(fault: Fault): void {
    const parsed = zFault.parse(fault) as Fault;
    this.queue.push({ fault: parsed, left: parsed.times ?? 1 });
  }

  clear(): void {
    this.queue = [];
  }

  get pending(): Fault[] {
    return this.queue.map((entry) => entry.fault);
  }

  take(request: RouteClass): Fault | undefined {
    const index = this.queue.findIndex((entry) => matches(entry.fault.route, request));
    if (index < 0) return undefined;
    const entry = this.queue[index]!;
    entry.left--;
    if (entry.left <= 0) this.queue.splice(index, 1);
    return entry.fault;
  }
}
