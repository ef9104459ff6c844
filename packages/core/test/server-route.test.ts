// The handler's router: which operation a method and path are for, checked against the contract's path
// patterns written as regular expressions (the oracle), over hand-picked edges and random paths.
import { describe, expect, it } from 'vitest';
import { isContractPath, matchRoute, type Route } from '../src/server/route.js';

/** The contract's routes as regular expressions: what matchRoute must agree with. */
function oracle(method: string, rawPath: string): Route {
  const path = rawPath.split('?')[0]!.replace(/\/+$/, '') || '/';
  const verb = method.toUpperCase();
  if (path === '/character-performances') {
    return verb === 'POST'
      ? { operation: 'startCharacterPerformance' }
      : { operation: 'methodNotAllowed', allow: 'POST' };
  }
  if (path === '/tasks')
    return verb === 'GET' ? { operation: 'listTasks' } : { operation: 'methodNotAllowed', allow: 'GET' };
  const match = /^\/tasks\/([^/]+)(\/events)?$/.exec(path);
  if (!match) return { operation: 'notFound' };
  if (verb !== 'GET') return { operation: 'methodNotAllowed', allow: 'GET' };
  let handle = match[1]!;
  if (handle.includes('%')) {
    try {
      handle = decodeURIComponent(handle);
    } catch {
      return { operation: 'notFound' };
    }
  }
  return match[2] ? { operation: 'streamTaskEvents', handle } : { operation: 'getTask', handle };
}

/** A contract path whatever the method (a handle that does not decode still is one: the handler answers 404). */
function isContractPathOracle(rawPath: string): boolean {
  const path = rawPath.split('?')[0]!.replace(/\/+$/, '');
  return (
    path === '/character-performances' || path === '/tasks' || /^\/tasks\/([^/]+)(\/events)?$/.test(path)
  );
}

const edges = [
  '/tasks/abc',
  '/tasks/abc/',
  '/tasks/abc//',
  '/tasks/abc/events',
  '/tasks/abc/events/',
  '/tasks/abc/eventsx',
  '/tasks/abc/event',
  '/tasks/abc/other',
  '/tasks/abc/events/more',
  '/tasks//events',
  '/tasks/',
  '/tasks',
  '/tasks?limit=5',
  '/tasksx/abc',
  '/task/abc',
  '/tasks/a%2Fb',
  '/tasks/%E0%A4%A',
  '/tasks/abc?x=1',
  '/tasks/abc/events?x=/y',
  '/tasks/a/b/events',
  '/tasks/events',
  '/tasks/events/events',
  '/character-performances',
  '/character-performances/',
  '/',
  '',
];

describe('matchRoute', () => {
  it('agrees with the contract patterns on edge paths, for every method', () => {
    for (const method of ['GET', 'get', 'POST', 'post', 'DELETE', 'Put']) {
      for (const path of edges) {
        expect(matchRoute(method, path), `${method} ${path}`).toEqual(oracle(method, path));
        expect(isContractPath(path), path).toBe(isContractPathOracle(path));
      }
    }
  });

  it('agrees with the contract patterns on 20,000 random paths', () => {
    const pieces = [
      '/',
      '/',
      'tasks',
      'events',
      'a',
      'Zq_-',
      '%2F',
      '%E0',
      '?',
      'character-performances',
      '.',
    ];
    let seed = 42;
    const next = () => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      return seed;
    };
    for (let i = 0; i < 20_000; i++) {
      let path = next() % 2 ? '/tasks/' : ''; // half of them start as a task path
      const length = 1 + (next() % 7);
      for (let j = 0; j < length; j++) path += pieces[next() % pieces.length];
      const method = next() % 2 ? 'GET' : 'POST';
      expect(matchRoute(method, path), `${method} ${path}`).toEqual(oracle(method, path));
      expect(isContractPath(path), path).toBe(isContractPathOracle(path));
    }
  });
});
