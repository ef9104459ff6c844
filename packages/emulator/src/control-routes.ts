import type { IncomingMessage } from 'node:http';
import { cometError } from './errors.js';
import { zFault } from './faults.js';
import type { Reply } from './reply.js';
import type { Emulator, Fault } from './types.js';

export const CONTROL_PREFIX = '/__emulator/';

/**
 * The same control the in-process API gives, for other processes (benchmarks, the demo). These routes need
 * no auth and are not counted in stats, so a test's assertions only see the traffic of the code under test.
 */
export function controlRoute(
  req: IncomingMessage,
  pathname: string,
  bodyText: string,
  emulator: Pick<Emulator, 'inject' | 'clearFaults' | 'stats' | 'task' | 'resetStats'> & {
    faults(): Fault[];
  },
): Reply {
  const method = req.method ?? 'GET';
  const rest = pathname.slice(CONTROL_PREFIX.length);
  if (rest === 'faults') {
    if (method === 'GET') return { status: 200, json: { faults: emulator.faults() } };
    if (method === 'DELETE') {
      emulator.clearFaults();
      return { status: 204 };
    }
    if (method === 'POST') {
      let json: unknown;
      try {
        json = JSON.parse(bodyText);
      } catch {
        return { status: 400, json: cometError('body: invalid JSON', 'body', 'invalid_request') };
      }
      const list = Array.isArray(json) ? json : [json];
      const parsed = zFault.array().safeParse(list);
      if (!parsed.success) {
        const issue = parsed.error.issues[0]!;
        const param = issue.path.map(String).join('.') || 'body';
        return { status: 400, json: cometError(`${param}: ${issue.message}`, param, 'invalid_request') };
      }
      for (const fault of parsed.data) emulator.inject(fault as Fault);
      return { status: 201, json: { queued: parsed.data.length } };
    }
  }
  if (rest === 'stats') {
    if (method === 'GET') return { status: 200, json: emulator.stats };
    if (method === 'DELETE') {
      emulator.resetStats();
      return { status: 204 };
    }
  }
  const task = /^tasks\/([^/]+)$/.exec(rest);
  if (task && method === 'GET') {
    const info = emulator.task(task[1]!);
    if (info) return { status: 200, json: info };
    return { status: 404, json: cometError(`task not found: ${task[1]}`, 'id', 'not_found') };
  }
  return { status: 404, json: cometError(`unknown control route: ${method} ${pathname}`, null, 'not_found') };
}
